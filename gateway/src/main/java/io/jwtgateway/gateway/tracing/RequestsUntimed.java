package io.jwtgateway.gateway.tracing;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The observations tracing turns on for every request, the server's and each backend call's, are spans only: this
 * meter handler, first of them all, takes them and makes no meter of them, so the one the metrics would have made
 * (a timer and a long task timer per request, {@code http_server_requests_seconds} and
 * {@code http_client_requests_seconds}) costs nothing. Routes are timed by {@code spring_cloud_gateway_requests_seconds},
 * as without tracing; every other observation is metered as Spring Boot does.
 */
final class RequestsUntimed implements MeterObservationHandler<Observation.Context> {

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext || context instanceof GatewayContext;
    }
}
