package io.jwtgateway.gateway.observe;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where every authentication decision is reported: counted in {@code gateway_auth_decisions_total{route, outcome}},
 * and left on the exchange for the access log with the route and, once a token or key is verified, its subject.
 * Token grants also count {@code gateway_tokens_issued_total{grant}} and
 * {@code gateway_api_key_failures_total{grant, reason}}.
 *
 * <p>Tags stay bounded: a route is a configured route id, the fixed path of a gateway endpoint or {@code cors} for the
 * CORS step, which decides before any route is known; an outcome is one of {@link AuthOutcome}. A counter is
 * registered the first time its route and outcome meet, then found in a map: the request path never builds a meter.
 */
@Component
public class AuthDecisions {

    static final String DECISIONS = "gateway.auth.decisions";
    static final String TOKENS_ISSUED = "gateway.tokens.issued";
    static final String API_KEY_FAILURES = "gateway.api.key.failures";

    /** The route or endpoint that decided, a String: a route id, an endpoint path or {@code cors}. */
    public static final String ROUTE_ATTRIBUTE = AuthDecisions.class.getName() + ".route";
    /** The {@link AuthOutcome#tag()} of the decision. */
    public static final String OUTCOME_ATTRIBUTE = AuthDecisions.class.getName() + ".outcome";
    /** The verified subject; never set from a token or key that failed verification. */
    public static final String SUBJECT_ATTRIBUTE = AuthDecisions.class.getName() + ".subject";
    /** The client a token endpoint issued a token to; a route's caller is its token's {@code client_id}. */
    public static final String CLIENT_ATTRIBUTE = AuthDecisions.class.getName() + ".client";

    private static final AuthOutcome[] OUTCOMES = AuthOutcome.values();

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicReferenceArray<Counter>> byRoute = new ConcurrentHashMap<>();
    private final Map<Grant, Counter> issued = new EnumMap<>(Grant.class);
    private final Map<Grant, Map<KeyRefusal, Counter>> keyFailures = new EnumMap<>(Grant.class);

    AuthDecisions(MeterRegistry registry) {
        this.registry = registry;
        for (Grant grant : Grant.values()) {
            issued.put(grant, Counter.builder(TOKENS_ISSUED)
                    .description("Tokens issued, by grant")
                    .tag("grant", grant.tag())
                    .register(registry));
            Map<KeyRefusal, Counter> byReason = new EnumMap<>(KeyRefusal.class);
            for (KeyRefusal reason : KeyRefusal.values()) {
                byReason.put(reason, Counter.builder(API_KEY_FAILURES)
                        .description("API keys or client secrets refused, all answered as a wrong key, by grant and "
                                + "reason")
                        .tag("grant", grant.tag())
                        .tag("reason", reason.tag())
                        .register(registry));
            }
            keyFailures.put(grant, byReason);
        }
    }

    /** Counts the decision and leaves it on the exchange for the access log. */
    public void record(ServerWebExchange exchange, String route, AuthOutcome outcome) {
        counter(route, outcome).increment();
        Map<String, Object> attributes = exchange.getAttributes();
        attributes.put(ROUTE_ATTRIBUTE, route);
        attributes.put(OUTCOME_ATTRIBUTE, outcome.tag());
    }

    /** The subject of a verified token, for the access log; set before any later check may still refuse it. */
    public void identify(ServerWebExchange exchange, String subject) {
        exchange.getAttributes().put(SUBJECT_ATTRIBUTE, subject);
    }

    /** A token issued to {@code subject} for a client: an allowed decision, and one more token of the grant. */
    public void issued(ServerWebExchange exchange, String route, Grant grant, String subject, String clientId) {
        identify(exchange, subject);
        exchange.getAttributes().put(CLIENT_ATTRIBUTE, clientId);
        record(exchange, route, AuthOutcome.ALLOWED);
        issued.get(grant).increment();
    }

    /** An API key or client secret refused, for {@code reason}; the caller was told only that the key is wrong. */
    public void keyRefused(ServerWebExchange exchange, String route, Grant grant, KeyRefusal reason) {
        record(exchange, route, AuthOutcome.INVALID_API_KEY);
        keyFailures.get(grant).get(reason).increment();
    }

    private Counter counter(String route, AuthOutcome outcome) {
        AtomicReferenceArray<Counter> counters = byRoute.get(route);
        if (counters == null) {
            counters = byRoute.computeIfAbsent(route, key -> new AtomicReferenceArray<>(OUTCOMES.length));
        }
        Counter counter = counters.get(outcome.ordinal());
        if (counter == null) {
            counter = register(route, outcome);                 // a race registers the same meter: the registry dedups
            counters.set(outcome.ordinal(), counter);
        }
        return counter;
    }

    private Counter register(String route, AuthOutcome outcome) {
        return Counter.builder(DECISIONS)
                .description("Authentication decisions, by route and outcome")
                .tag("route", route)
                .tag("outcome", outcome.tag())
                .register(registry);
    }
}
