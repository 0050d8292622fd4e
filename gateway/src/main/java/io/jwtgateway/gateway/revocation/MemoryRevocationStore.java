package io.jwtgateway.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import reactor.core.publisher.Mono;

/** The default store: this process's memory. Revocations do not reach other replicas nor survive a restart. */
final class MemoryRevocationStore implements RevocationStore {

    private final RevokedTokens revoked = new RevokedTokens();
    private final Clock clock;
    private final Duration clockSkew;
    private volatile long lastSweepSecond;

    MemoryRevocationStore(Clock clock, Duration clockSkew) {
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    @Override
    public Mono<Void> revoke(String id, long expiresAtEpochSecond) {
        long now = clock.instant().getEpochSecond();
        if (now != lastSweepSecond) {                       // sweep at most once a second, not on every revocation
            lastSweepSecond = now;
            revoked.forgetExpired(clock.instant().minus(clockSkew));
        }
        revoked.add(id, expiresAtEpochSecond);
        return Mono.empty();
    }

    @Override
    public RevokedTokens local() {
        return revoked;
    }

    @Override
    public Freshness freshness() {
        return Freshness.CURRENT;
    }

    @Override
    public Optional<Instant> lastReload() {
        return Optional.empty();
    }
}
