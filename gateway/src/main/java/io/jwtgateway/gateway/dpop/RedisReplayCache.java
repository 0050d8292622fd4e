package io.jwtgateway.gateway.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The proofs every replica accepted, in Redis: one {@code SET key 1 NX PX <ms>} per proof, a key of its own under
 * {@value #PREFIX} that Redis expires when the proof is too old to be accepted anyway. The one round trip a proof
 * costs, and the least that lets a replica know another one saw the proof first. A Redis that does not answer
 * within {@code gateway.auth.dpop.replay.timeout} fails the check: the proof is refused (503), never taken unchecked.
 */
final class RedisReplayCache implements ReplayCache {

    static final String PREFIX = "jwt-gateway:dpop-proof:";

    private final ReactiveStringRedisTemplate redis;
    private final Duration timeout;
    private final Clock clock;

    RedisReplayCache(ReactiveStringRedisTemplate redis, Duration timeout, Clock clock) {
        this.redis = redis;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstUse(ProofId proofId, Instant until) {
        Duration ttl = Duration.between(clock.instant(), until).plusSeconds(1);
        return redis.opsForValue().setIfAbsent(PREFIX + proofId.text(), "1", ttl)
                .timeout(timeout)
                .defaultIfEmpty(false);
    }
}
