package io.jwtgateway.gateway.revocation;

import java.time.Clock;
import java.time.Duration;

import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import io.jwtgateway.gateway.config.RevocationProperties.Store;

/** The default revocation check, memory store and deny, as the gateway wires it, for the benchmarks. */
public final class RevocationChecks {

    private RevocationChecks() {
    }

    public static Revocations memory(Clock clock, Duration clockSkew) {
        return new Revocations(new MemoryRevocationStore(clock, clockSkew),
                new RevocationProperties(Store.MEMORY, FailureMode.DENY, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
