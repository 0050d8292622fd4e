package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.crypto.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tokens already verified, keyed by the SHA-256 of their text (the token itself is never held), so a repeat skips
 * the signature check. An entry lives no longer than its token's {@code exp} plus the clock skew, and every hit is
 * checked against the clock again: the cache never admits a token a fresh check would refuse as expired. Checks
 * that can change while a token lives, such as revocation, run after the cache, on every request.
 */
@Component
class VerifiedTokenCache implements MeterBinder {

    /** The {@code cache} tag of Micrometer's cache meters: {@code cache_gets_total{cache="verified_tokens"}}, … */
    static final String METRICS_NAME = "verified_tokens";

    private final @Nullable Cache<Digest, VerifiedToken> cache;
    private final Clock clock;
    private final Duration clockSkew;

    VerifiedTokenCache(AuthProperties properties, Clock clock) {
        this.clock = clock;
        this.clockSkew = properties.clockSkew();
        this.cache = properties.cache().enabled()
                ? Caffeine.newBuilder()
                        .maximumSize(properties.cache().maxSize())
                        .executor(Runnable::run)        // upkeep on the calling thread: no pool wake-up per request
                        .expireAfter(new UntilExpiry())
                        .recordStats()                  // hits, misses and evictions, for bindTo
                        .build()
                : null;
    }

    /** Hits, misses, size and evictions as Micrometer's cache meters; Spring Boot binds every {@link MeterBinder}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (cache != null) {
            CaffeineCacheMetrics.monitor(registry, cache, METRICS_NAME);
        }
    }

    /** The key of a token; computed once per request and used for both lookup and insertion. */
    Digest digest(String token) {
        return Digest.of(token);
    }

    /** The verified claims of a token seen before and still within its lifetime, or null. */
    @Nullable VerifiedToken get(Digest digest) {
        return cache == null ? null : unexpired(digest, cache.getIfPresent(digest));
    }

    /** As {@link #get}, without counting a hit or miss: a second look within one request's lookup. */
    @Nullable VerifiedToken recheck(Digest digest) {
        return cache == null ? null : unexpired(digest, cache.asMap().get(digest));
    }

    private @Nullable VerifiedToken unexpired(Digest digest, @Nullable VerifiedToken token) {
        if (token != null && clock.instant().isAfter(token.expiresAt().plus(clockSkew))) {
            cache.invalidate(digest);
            return null;
        }
        return token;
    }

    void put(Digest digest, VerifiedToken token) {
        if (cache != null) {
            cache.put(digest, token);
        }
    }

    /** SHA-256 as four longs: cheap to hash and compare, and holds no part of the token. */
    record Digest(long a, long b, long c, long d) {
        static Digest of(String token) {
            ByteBuffer hash = ByteBuffer.wrap(Sha256.digest(token.getBytes(US_ASCII)));
            return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }
    }

    /** Each entry expires with its token (exp + skew); Caffeine's own ticker, so a pinned test clock cannot extend it. */
    private final class UntilExpiry implements Expiry<Digest, VerifiedToken> {
        @Override
        public long expireAfterCreate(Digest key, VerifiedToken value, long currentTime) {
            Instant end = value.expiresAt().plus(clockSkew);
            return Math.max(0, Duration.between(clock.instant(), end).toNanos());
        }

        @Override
        public long expireAfterUpdate(Digest key, VerifiedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Digest key, VerifiedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
