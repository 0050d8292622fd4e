package io.jwtgateway.gateway.observe;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's own when it is well-formed (1 to 128 letters, digits and
 * {@code . _ : -}), else a fresh random UUID. The id goes to the backend, back to the client on every response,
 * refusals and 404s included, into the access log and into error bodies. Anything else a client sends there (CR or LF,
 * spaces, quotes, non-ASCII, an oversized value, two headers) is replaced, never cleaned up: an id that reaches a log
 * line or a header is always plain. Runs first of all filters, so even a request the path firewall refuses has one.
 */
@Component
public class RequestId implements FrontStep {

    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestId.class.getName();
    static final int MAX_LENGTH = 128;

    /** The request's id, once this filter has run. */
    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return true;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> sent = exchange.getRequest().getHeaders().get(HEADER);
        String id = sent != null && sent.size() == 1 && isWellFormed(sent.get(0)) ? sent.get(0) : generate();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);   // Spring's own log lines carry it
        exchange.getResponse().getHeaders().set(HEADER, id);    // the backend gets it too: ForwardedRequestId
        return chain.filter(exchange);
    }

    static boolean isWellFormed(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** A version 4 UUID from a per-thread generator: unique enough to follow a request, and cheap (no SecureRandom). */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;                           // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;     // IETF variant
        return new UUID(high, low).toString();
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_ID;
    }
}
