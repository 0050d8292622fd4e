package io.jwtgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every replica, counted by Spring Cloud Gateway's {@code RedisRateLimiter} and its Lua
 * token-bucket script (keys {@code request_rate_limiter.{<policy>.<caller>}.tokens} and {@code .timestamp}, expiring
 * once the bucket would be full). Each policy is registered with the limiter under its id at startup. A policy made
 * later (a registered client's limit) gets a limiter of its own, configured before anyone sees it: the limiter's
 * configuration is a plain map, which no request may read while it changes.
 *
 * <p>Fails open, as {@code RedisRateLimiter} does: when Redis errs, or does not answer within {@code timeout}, the
 * request is served uncounted, and for the next {@value #PAUSE_SECONDS} second Redis is not asked again, so an outage
 * costs one timeout a second rather than one per request. The outage and the recovery are each logged once.
 */
final class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    private static final long PAUSE_SECONDS = 1;

    private final RedisRateLimiter limiter;
    private final Supplier<RedisRateLimiter> limiters;
    private final ConcurrentMap<String, RedisRateLimiter> later = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private volatile long pausedUntilNanos = System.nanoTime();

    /** {@code limiters} makes a limiter like {@code limiter}, with no policy yet, for each policy made later. */
    RedisTokenBuckets(RedisRateLimiter limiter, Supplier<RedisRateLimiter> limiters, List<RatePolicy> policies,
            Duration timeout) {
        this.limiter = limiter;
        this.limiters = limiters;
        this.timeout = timeout;
        for (RatePolicy policy : policies) {
            configure(limiter, policy);
        }
    }

    @Override
    public Mono<Decision> take(RatePolicy policy, String caller) {
        if (System.nanoTime() - pausedUntilNanos < 0) {
            return Mono.just(Decision.UNKNOWN);
        }
        return limiterOf(policy).isAllowed(policy.id(), caller)
                .timeout(timeout)
                .map(this::decision)
                .onErrorResume(TimeoutException.class, this::timedOut);
    }

    private RedisRateLimiter limiterOf(RatePolicy policy) {
        if (limiter.getConfig().containsKey(policy.id())) {     // never changed after startup
            return limiter;
        }
        return later.computeIfAbsent(policy.id(), id -> configure(limiters.get(), policy));
    }

    private static RedisRateLimiter configure(RedisRateLimiter limiter, RatePolicy policy) {
        limiter.getConfig().put(policy.id(), new RedisRateLimiter.Config()
                .setReplenishRate(policy.replenishRate())
                .setBurstCapacity(policy.burstCapacity())
                .setRequestedTokens(RatePolicy.REQUESTED_TOKENS));
        return limiter;
    }

    /** {@code RedisRateLimiter} answers a Redis failure with "allowed, -1 remaining": that is the outage signal. */
    private Decision decision(Response response) {
        String remaining = response.getHeaders().get(limiter.getRemainingHeader());
        if (remaining == null) {                                // its include-headers is off: allowed, count unknown
            return new Decision(response.isAllowed(), Decision.UNKNOWN_REMAINING);
        }
        long tokens = Long.parseLong(remaining);
        if (tokens < 0) {
            return unreachable("an error");
        }
        if (reachable.compareAndSet(false, true)) {
            log.info("Redis answers again: rate limits are enforced");
        }
        return new Decision(response.isAllowed(), tokens);
    }

    private Mono<Decision> timedOut(TimeoutException timeout) {
        return Mono.just(unreachable("no answer within " + this.timeout.toMillis() + " ms"));
    }

    private Decision unreachable(String why) {
        pausedUntilNanos = System.nanoTime() + Duration.ofSeconds(PAUSE_SECONDS).toNanos();
        if (reachable.compareAndSet(true, false)) {
            log.warn("Redis rate limiting failed ({}): requests are served without rate limits until Redis answers",
                    why);
        }
        return Decision.UNKNOWN;
    }
}
