package io.jwtgateway.gateway.verify;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The verifier's meters: how long verification takes, by whether the cache answered and whether the token passed
 * ({@code gateway_token_verification_seconds{cache, result}}), and each issuer's JWKS fetches
 * ({@code gateway_jwks_fetches_total{issuer, result}}). Every meter is registered once, up front: the request path
 * only records. Tags come from configuration and fixed words, never from a token.
 */
@Component
class VerificationMetrics {

    static final String VERIFICATION = "gateway.token.verification";
    static final String JWKS_FETCHES = "gateway.jwks.fetches";

    private final MeterRegistry registry;
    private final Timer cacheHit;
    private final Timer verified;
    private final Timer refused;

    VerificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cacheHit = timer("hit", "valid");
        this.verified = timer("miss", "valid");
        this.refused = timer("miss", "invalid");
    }

    /** A token the cache vouched for; {@code startNanos} is {@link System#nanoTime()} when verification began. */
    void cacheHit(long startNanos) {
        record(cacheHit, startNanos);
    }

    /** A token whose signature and claims were checked and passed. */
    void verified(long startNanos) {
        record(verified, startNanos);
    }

    /** A token refused after the cache missed: an untrusted issuer, a bad signature, a broken claim rule. */
    void refused(long startNanos) {
        record(refused, startNanos);
    }

    /** The counter of one issuer's JWKS fetches with {@code result} success or failure; the issuer is configuration. */
    Counter jwksFetches(String issuer, String result) {
        return Counter.builder(JWKS_FETCHES)
                .description("JWKS downloads of a trusted issuer, by result")
                .tag("issuer", issuer)
                .tag("result", result)
                .register(registry);
    }

    private Timer timer(String cache, String result) {
        return Timer.builder(VERIFICATION)
                .description("Time to verify a token: the cache lookup, and on a miss the signature and claims")
                .tag("cache", cache)
                .tag("result", result)
                .register(registry);
    }

    private static void record(Timer timer, long startNanos) {
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
