package io.jwtgateway.gateway.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Reaches the package-private constructor of {@link AuthDecisions}, for benchmarks in other packages. */
public final class Observers {

    private Observers() {
    }

    /** Decisions counted in a Prometheus registry, as the running gateway counts them. */
    public static AuthDecisions decisions() {
        return new AuthDecisions(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
