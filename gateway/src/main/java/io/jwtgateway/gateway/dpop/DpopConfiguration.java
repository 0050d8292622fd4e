package io.jwtgateway.gateway.dpop;

import java.time.Clock;

import io.jwtgateway.gateway.config.DpopProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Chooses where used proofs are kept from {@code gateway.auth.dpop.replay.store}, memory unless {@code redis} is asked
 * for, and sets up the nonces when {@code gateway.auth.dpop.nonce.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class DpopConfiguration {

    private static final String STORE = "gateway.auth.dpop.replay.store";

    @Bean                                                   // a SmartLifecycle: its sweeps start and stop with us
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    MemoryReplayCache memoryReplayCache(DpopProperties properties, Clock clock) {
        return new MemoryReplayCache(properties.replay().maxEntries(), clock);
    }

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    RedisReplayCache redisReplayCache(ReactiveStringRedisTemplate redis, DpopProperties properties, Clock clock) {
        return new RedisReplayCache(redis, properties.replay().timeout(), clock);
    }

    @Bean
    DpopProofs dpopProofs(ProofVerifier verifier, ProofTarget target, ReplayCache replays,
            DpopProperties properties, Clock clock) {
        DpopNonces nonces = properties.nonce().enabled() ? new DpopNonces(properties.nonce(), clock) : null;
        return new DpopProofs(verifier, target, replays, nonces, properties);
    }
}
