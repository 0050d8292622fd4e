package io.jwtgateway.gateway.revocation;

import io.jwtgateway.gateway.config.RevocationProperties;

/**
 * The two bounds on the age of a copy of the revoked set, both measured from its last successful reload: it is
 * current until Redis counts as unreachable (three resync intervals without a reload), then stale until
 * {@code max-staleness}, then unusable. A {@code max-staleness} of 0 leaves no stale period. Ages are in nanoseconds
 * of {@link System#nanoTime()}, so every request compares two numbers.
 */
record Staleness(long unreachableAfterNanos, long maxStalenessNanos) {

    static Staleness of(RevocationProperties properties) {
        return new Staleness(properties.unreachableAfter().toNanos(), properties.maxStaleness().toNanos());
    }

    Freshness at(long nanosSinceReload) {
        if (nanosSinceReload < unreachableAfterNanos) {
            return Freshness.CURRENT;
        }
        return nanosSinceReload < maxStalenessNanos ? Freshness.STALE : Freshness.UNUSABLE;
    }
}
