package io.jwtgateway.gateway.policy;

import org.springframework.cloud.gateway.config.GatewayProperties;

/** Reaches the package-private constructor of {@link RoutePolicies}, for benchmarks in other packages. */
public final class Policies {

    private Policies() {
    }

    /** Policies read from each exchange's matched route; no configured routes to check at startup. */
    public static RoutePolicies fromMatchedRoutes() {
        return new RoutePolicies(new GatewayProperties());
    }
}
