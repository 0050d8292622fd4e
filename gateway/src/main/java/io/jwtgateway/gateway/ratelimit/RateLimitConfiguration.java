package io.jwtgateway.gateway.ratelimit;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Ticker;
import io.jwtgateway.gateway.config.RateLimitProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses where buckets live from {@code gateway.rate-limit.store}: memory unless {@code redis} is asked for. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final String STORE = "gateway.rate-limit.store";

    /** A bucket with its key takes a few hundred bytes: this bounds the memory store to some tens of megabytes. */
    static final long MAX_MEMORY_BUCKETS = 100_000;

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    MemoryTokenBuckets memoryTokenBuckets(Clock clock) {
        return new MemoryTokenBuckets(clock, Ticker.systemTicker(), MAX_MEMORY_BUCKETS);
    }

    /** Spring Cloud Gateway's own {@code RedisRateLimiter} bean, made when Redis is on the classpath. */
    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisTokenBuckets redisTokenBuckets(ObjectProvider<RedisRateLimiter> limiter, RatePolicies policies,
                                        RateLimitProperties properties) {
        RedisRateLimiter redis = limiter.getIfAvailable();
        if (redis == null) {
            throw new IllegalStateException("gateway.rate-limit.store=redis needs Spring Cloud Gateway's "
                    + "RedisRateLimiter: leave spring.cloud.gateway.server.webflux.redis.enabled on");
        }
        return new RedisTokenBuckets(redis, policies.all(), properties.timeout());
    }
}
