package io.jwtgateway.gateway.http;

import tools.jackson.databind.json.JsonMapper;

/** Reaches the package-private constructor of {@link ProblemWriter}, for benchmarks in other packages. */
public final class Problems {

    private Problems() {
    }

    public static ProblemWriter writer() {
        return new ProblemWriter(JsonMapper.builder().build());
    }
}
