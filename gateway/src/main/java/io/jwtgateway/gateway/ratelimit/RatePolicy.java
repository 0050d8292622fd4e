package io.jwtgateway.gateway.ratelimit;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;

/**
 * A named token bucket configuration; each caller gets a bucket of its own under it.
 *
 * @param id            the name buckets are kept under: {@code auth-endpoints}, {@code default} or
 *                      {@code route:<route id>}
 * @param replenishRate tokens added per second
 * @param burstCapacity the most tokens a bucket holds
 */
record RatePolicy(String id, int replenishRate, int burstCapacity) {

    /** Tokens one request takes. */
    static final int REQUESTED_TOKENS = 1;

    static RatePolicy of(String id, Limit limit) {
        return new RatePolicy(id, limit.replenishRate(), limit.burstCapacity());
    }

    /**
     * Whole seconds until an empty bucket holds a token again. Buckets fill at each whole second of the store's clock
     * (Redis {@code TIME} or the gateway's clock), so the wait is {@code requested / replenishRate} rounded up: with
     * whole tokens per second, one second.
     */
    long retryAfterSeconds() {
        return ((long) REQUESTED_TOKENS + replenishRate - 1) / replenishRate;
    }

    /** How long an untouched bucket matters: after {@code burstCapacity / replenishRate} seconds it is full anyway. */
    long idleSeconds() {
        return Math.max(1, 2L * burstCapacity / replenishRate);    // the TTL RedisRateLimiter's script sets
    }
}
