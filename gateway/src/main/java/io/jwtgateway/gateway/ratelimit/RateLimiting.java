package io.jwtgateway.gateway.ratelimit;

import java.util.function.Supplier;

import io.jwtgateway.gateway.refusal.RefusalCode;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Counts a request against its caller's bucket, then lets it through with the bucket's state in
 * {@code X-RateLimit-Limit} (the burst capacity) and {@code X-RateLimit-Remaining}, or refuses it with 429 and
 * {@code Retry-After} (RFC 6585 §4, RFC 9110 §10.2.3). A request served while the store could not count carries
 * neither header: there is nothing true to say.
 */
@Component
class RateLimiting {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final TokenBuckets buckets;
    private final RefusalWriter refusals;

    RateLimiting(TokenBuckets buckets, RefusalWriter refusals) {
        this.buckets = buckets;
        this.refusals = refusals;
    }

    Mono<Void> limit(ServerWebExchange exchange, RatePolicy policy, String caller, Supplier<Mono<Void>> next) {
        return buckets.take(policy, caller)
                .flatMap(decision -> decision.allowed()
                        ? admit(exchange, policy, decision, next)
                        : refuse(exchange, policy));
    }

    private Mono<Void> admit(ServerWebExchange exchange, RatePolicy policy, Decision decision,
            Supplier<Mono<Void>> next) {
        if (decision.isKnown()) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(LIMIT_HEADER, Integer.toString(policy.burstCapacity()));
            headers.set(REMAINING_HEADER, Long.toString(decision.remaining()));
        }
        return next.get();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, RatePolicy policy) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(policy.retryAfterSeconds()));
        headers.set(LIMIT_HEADER, Integer.toString(policy.burstCapacity()));
        headers.set(REMAINING_HEADER, "0");
        return refusals.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests: retry after the seconds in Retry-After", RefusalCode.RATE_LIMITED);
    }
}
