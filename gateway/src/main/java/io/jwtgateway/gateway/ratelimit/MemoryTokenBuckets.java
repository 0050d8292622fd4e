package io.jwtgateway.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import reactor.core.publisher.Mono;

/**
 * Buckets in this process's memory, counted as {@code RedisRateLimiter}'s script counts them: time in whole seconds,
 * a missing bucket is full, each whole second adds {@code replenishRate} tokens up to {@code burstCapacity}, and a
 * request takes one token or is refused. Memory is bounded: a bucket untouched for twice its fill time (when it is
 * full anyway, the script's TTL) is evicted, and at most {@code maxBuckets} are kept, the least useful evicted first.
 */
final class MemoryTokenBuckets implements TokenBuckets {

    private final Clock clock;
    private final Cache<BucketKey, Bucket> buckets;

    MemoryTokenBuckets(Clock clock, Ticker ticker, long maxBuckets) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maxBuckets)
                .expireAfter(Expiry.accessing((BucketKey key, Bucket bucket) -> bucket.idle))
                .build();
    }

    @Override
    public Mono<Decision> take(RatePolicy policy, String caller) {
        long now = Math.floorDiv(clock.millis(), 1000);
        Bucket bucket = buckets.get(new BucketKey(policy.id(), caller), key -> new Bucket(policy, now));
        return Mono.just(bucket.take(now));
    }

    /** Buckets held now, after pending evictions. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private record BucketKey(String policy, String caller) {
    }

    /** One caller's bucket: the tokens left and the second they were counted at, updated together. */
    private static final class Bucket {

        private final long rate;
        private final long capacity;
        private final Duration idle;
        private long tokens;
        private long refreshedAt;

        Bucket(RatePolicy policy, long now) {
            this.rate = policy.replenishRate();
            this.capacity = policy.burstCapacity();
            this.idle = Duration.ofSeconds(policy.idleSeconds());
            this.tokens = capacity;
            this.refreshedAt = now;
        }

        synchronized Decision take(long now) {
            long elapsed = Math.max(0, now - refreshedAt);
            long filled = elapsed >= capacity ? capacity : Math.min(capacity, tokens + elapsed * rate);
            boolean allowed = filled >= RatePolicy.REQUESTED_TOKENS;
            tokens = allowed ? filled - RatePolicy.REQUESTED_TOKENS : filled;
            refreshedAt = now;                                  // as the script does, even when the clock went back
            return new Decision(allowed, tokens);
        }
    }
}
