package io.jwtgateway.gateway.dpop;

import java.time.Clock;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;

/** Reaches the package-private constructors of {@link DpopProofs} and its parts, for benchmarks in other packages. */
public final class DpopChecks {

    private DpopChecks() {
    }

    /**
     * The default configuration's checks: used proofs remembered in memory, in a new set of {@code replay.max-entries}
     * that is never swept, and no nonces.
     */
    public static DpopProofs inMemory(DpopProperties properties, AuthProperties auth, Clock clock) {
        return new DpopProofs(new ProofVerifier(properties, auth, clock), new ProofTarget(properties),
                new MemoryReplayCache(properties.replay().maxEntries(), clock), null, properties);
    }
}
