package io.jwtgateway.gateway.assertion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signed assertions for reuse, one per token and audience, at most {@code gateway.auth.assertion.cache-size}: a
 * signature is the cost of an assertion, and a client sends many requests with one token. An assertion is served
 * until half its lifetime has passed ({@link SignedAssertion#reusableAt}), checked against the clock on every hit,
 * and then signed anew. The key is the token's verified claims, never its text. Only requests whose token passed
 * every check, revocation included, ask: a revoked token never gets its cached assertion.
 */
@Component
class AssertionCache implements MeterBinder {

    /** The {@code cache} tag of Micrometer's cache meters: {@code cache_gets_total{cache="identity_assertions"}}. */
    static final String METRICS_NAME = "identity_assertions";

    private final AssertionSigner signer;
    private final Clock clock;
    private final @Nullable Cache<Key, SignedAssertion> cache;

    AssertionCache(AssertionSigner signer, AssertionProperties properties, Clock clock) {
        this.signer = signer;
        this.clock = clock;
        this.cache = properties.cacheSize() > 0
                ? Caffeine.newBuilder()
                        .maximumSize(properties.cacheSize())
                        .executor(Runnable::run)        // upkeep on the calling thread: no pool wake-up per request
                        .expireAfter(new UntilHalfLife())
                        .recordStats()
                        .build()
                : null;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, METRICS_NAME);
        }
    }

    /** The assertion for this token and audience: the cached one while it is reusable, else a new one. */
    String assertionFor(VerifiedToken token, String audience) {
        if (cache == null) {
            return signer.sign(token, audience).value();
        }
        Key key = new Key(token, audience);
        SignedAssertion cached = cache.getIfPresent(key);
        if (cached != null && cached.reusableAt(clock.instant())) {
            return cached.value();
        }
        SignedAssertion signed = signer.sign(token, audience);
        if (signed.reusableAt(clock.instant())) {
            cache.put(key, signed);
        } else if (cached != null) {
            cache.invalidate(key);
        }
        return signed.value();
    }

    /** A token's claims (equal for every request with one token) and the audience. */
    record Key(VerifiedToken token, String audience) {
    }

    /** An entry lives until its assertion is no longer reusable; Caffeine's own ticker counts the time. */
    private final class UntilHalfLife implements Expiry<Key, SignedAssertion> {
        @Override
        public long expireAfterCreate(Key key, SignedAssertion value, long currentTime) {
            Instant end = value.reuseUntil();
            return Math.max(0, Duration.between(clock.instant(), end).toNanos());
        }

        @Override
        public long expireAfterUpdate(Key key, SignedAssertion value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, SignedAssertion value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
