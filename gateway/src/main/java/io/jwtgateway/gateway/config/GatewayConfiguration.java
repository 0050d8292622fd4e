package io.jwtgateway.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the features: time, and how the Redis client reconnects. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The longest wait between two attempts to reconnect to Redis. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Lettuce waits up to 30 s between reconnection attempts (exponentially longer from 1 ms), so after an outage of
     * 20 s it found Redis again some 25 s after Redis was back, and revocations (with {@code on-store-failure=deny})
     * stayed unavailable that long (bench/soak.sh). With attempts at most a second apart, recovery takes a second.
     */
    @Bean
    ClientResourcesBuilderCustomizer quickRedisReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
    }
}
