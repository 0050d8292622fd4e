package io.jwtgateway.gateway.tracing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.Map;

import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.TraceId;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The gateway's decision on the span of each request it served, read from the exchange when the request ends: the
 * route, the service and the instance it was sent to, the authentication outcome in the vocabulary of
 * {@code gateway_auth_decisions_total} (a refusal's reason: {@code expired}, {@code forbidden}, …), the caller's
 * {@code client_id}, and with {@code gateway.tracing.include-subject} the subject. High-cardinality values: they go
 * on the span, never on a metric's tags. Never a header, a token, a key or a cookie.
 */
final class ServerSpanAttributes implements ObservationFilter {

    static final String ROUTE = "gateway.route";
    static final String SERVICE = "gateway.service";
    static final String INSTANCE = "gateway.instance";
    static final String OUTCOME = "gateway.auth.outcome";
    static final String CLIENT_ID = "gateway.client_id";
    static final String SUBJECT = "gateway.subject";

    private static final String LOAD_BALANCED = "lb";

    private final boolean includeSubject;

    ServerSpanAttributes(boolean includeSubject) {
        this.includeSubject = includeSubject;
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof ServerRequestObservationContext server && isRecorded(server)) {
            add(server, server.getAttributes());
        }
        return context;
    }

    /** A span not sampled records nothing: its attributes would be built for no one. */
    private static boolean isRecorded(Observation.Context context) {
        Span span = TraceId.spanOf(context);
        return span != null && !span.isNoop();
    }

    private void add(ServerRequestObservationContext span, Map<String, Object> exchange) {
        Route route = (Route) exchange.get(GATEWAY_ROUTE_ATTR);
        Object decided = exchange.get(AuthDecisions.ROUTE_ATTRIBUTE);
        put(span, ROUTE, decided != null ? decided.toString() : route != null ? route.getId() : null);
        if (route != null && LOAD_BALANCED.equalsIgnoreCase(route.getUri().getScheme())) {
            put(span, SERVICE, route.getUri().getHost());
        }
        URI sentTo = (URI) exchange.get(GATEWAY_REQUEST_URL_ATTR);
        if (sentTo != null && !LOAD_BALANCED.equalsIgnoreCase(sentTo.getScheme())) {
            put(span, INSTANCE, sentTo.getPort() < 0 ? sentTo.getHost() : sentTo.getHost() + ":" + sentTo.getPort());
        }
        put(span, OUTCOME, exchange.get(AuthDecisions.OUTCOME_ATTRIBUTE));
        VerifiedToken token = (VerifiedToken) exchange.get(VerifiedToken.EXCHANGE_ATTRIBUTE);
        put(span, CLIENT_ID, token != null ? token.clientId() : exchange.get(AuthDecisions.CLIENT_ATTRIBUTE));
        if (includeSubject) {
            put(span, SUBJECT, exchange.get(AuthDecisions.SUBJECT_ATTRIBUTE));
        }
    }

    private static void put(ServerRequestObservationContext span, String key, @Nullable Object value) {
        if (value != null) {
            span.addHighCardinalityKeyValue(KeyValue.of(key, value.toString()));
        }
    }
}
