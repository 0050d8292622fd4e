package io.jwtgateway.gateway.revocation;

import java.time.Clock;
import java.time.Duration;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.RevocationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Reaches the package-private constructors of {@link Revocations} and its memory store, for benchmarks. */
public final class RevocationChecks {

    private RevocationChecks() {
    }

    /** The default: an in-memory revoked set, empty, as on a gateway where nothing was revoked. */
    public static Revocations inMemory(AuthProperties properties, Clock clock) {
        return new Revocations(new MemoryRevocationStore(clock, properties.clockSkew()),
                new RevocationProperties(RevocationProperties.Store.MEMORY, RevocationProperties.FailureMode.DENY,
                        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                new SimpleMeterRegistry());
    }
}
