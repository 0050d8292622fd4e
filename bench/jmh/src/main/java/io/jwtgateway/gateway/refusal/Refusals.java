package io.jwtgateway.gateway.refusal;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import tools.jackson.databind.json.JsonMapper;

/** Reaches the package-private constructor of {@link RefusalWriter}, for benchmarks in other packages. */
public final class Refusals {

    private Refusals() {
    }

    public static RefusalWriter writer(AuthProperties properties, DpopProperties dpop) {
        return new RefusalWriter(JsonMapper.builder().build(), properties, dpop);
    }
}
