package io.jwtgateway.gateway.ratelimit;

import java.time.Clock;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.Store;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Chooses where buckets live from {@code gateway.rate-limit.store}: memory unless {@code redis} is asked for. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    public static final String STORE = "gateway.rate-limit.store";

    /** Spring Cloud Gateway makes its {@code RedisRateLimiter} unless this is false. */
    public static final String REDIS_ENABLED = "spring.cloud.gateway.server.webflux.redis.enabled";

    /** A bucket with its key takes a few hundred bytes: this bounds the memory store to some tens of megabytes. */
    static final long MAX_MEMORY_BUCKETS = 100_000;

    private static final ConfigurationProblem NO_REDIS_LIMITER = new ConfigurationProblem(STORE,
            "redis needs Spring Cloud Gateway's RedisRateLimiter: leave " + REDIS_ENABLED + " on");

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    MemoryTokenBuckets memoryTokenBuckets(Clock clock) {
        return new MemoryTokenBuckets(clock, Ticker.systemTicker(), MAX_MEMORY_BUCKETS);
    }

    /** Spring Cloud Gateway's own {@code RedisRateLimiter} bean, made when Redis is on the classpath. */
    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisTokenBuckets redisTokenBuckets(ObjectProvider<RedisRateLimiter> limiter, RatePolicies policies,
            RateLimitProperties properties, ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            ConfigurationService configurations) {
        RedisRateLimiter shared = limiter.getIfAvailable();
        if (shared == null) {           // the check finds the property turned off; this, anything else that stops it
            throw new InvalidConfigurationException(List.of(NO_REDIS_LIMITER));
        }
        return new RedisTokenBuckets(shared, () -> new RedisRateLimiter(redis, script, configurations),
                policies.all(), properties.timeout());
    }

    /**
     * The Redis store asked for while Spring Cloud Gateway's Redis support is turned off; else empty.
     *
     * @param redisEnabled the value of {@link #REDIS_ENABLED}, which turns the support off only when it is "false" in
     *                     any case, as Spring Boot's {@code @ConditionalOnProperty} reads it
     */
    public static List<ConfigurationProblem> problems(Store store, String redisEnabled) {
        return store == Store.REDIS && "false".equalsIgnoreCase(redisEnabled) ? List.of(NO_REDIS_LIMITER) : List.of();
    }
}
