package io.jwtgateway.gateway.revocation;

import java.time.Clock;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.RevocationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/** Chooses the revocation store from {@code gateway.auth.revocation.store}: memory unless {@code redis} is asked for. */
@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

    private static final String STORE = "gateway.auth.revocation.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    MemoryRevocationStore memoryRevocationStore(Clock clock, AuthProperties auth) {
        return new MemoryRevocationStore(clock, auth.clockSkew());
    }

    @Bean                                                   // a DisposableBean: destroyed on close
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    ReactiveRedisMessageListenerContainer revocationListener(ReactiveRedisConnectionFactory connections) {
        return new ReactiveRedisMessageListenerContainer(connections);
    }

    @Bean                                                   // a SmartLifecycle: started and stopped by the context
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisRevocationStore redisRevocationStore(ReactiveStringRedisTemplate redis,
            ReactiveRedisMessageListenerContainer revocationListener,
            RevocationProperties properties, Clock clock, AuthProperties auth) {
        return new RedisRevocationStore(redis, revocationListener, properties, clock, auth.clockSkew());
    }
}
