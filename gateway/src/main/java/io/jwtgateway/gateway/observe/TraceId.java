package io.jwtgateway.gateway.observe;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The id of the trace a request belongs to, for the access log and error bodies, beside its request id: the trace
 * of Spring WebFlux's server span, continued from the client's {@code traceparent} or begun by the gateway. Null
 * while tracing is off: no server span is made then.
 */
public final class TraceId {

    private TraceId() {
    }

    public static @Nullable String of(ServerWebExchange exchange) {
        Span span = serverSpan(exchange);
        return span == null ? null : span.context().traceId();
    }

    /** The request's server span, while tracing is on. */
    public static @Nullable Span serverSpan(ServerWebExchange exchange) {
        Object context = exchange.getAttribute(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
        return context instanceof Observation.Context observed ? spanOf(observed) : null;
    }

    /** The span the tracing handler made for an observation; null when none did (tracing off). */
    public static @Nullable Span spanOf(Observation.Context observed) {
        TracingObservationHandler.TracingContext tracing = observed.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }
}
