package io.jwtgateway.gateway.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import io.jwtgateway.gateway.config.RevocationProperties.Store;
import org.junit.jupiter.api.Test;

/** The age of a copy of the revoked set, since its last reload, against the two bounds (2 s intervals here). */
class StalenessTests {

    static final Duration RESYNC = Duration.ofSeconds(2);

    @Test
    void atWhenYoungerThanThreeResyncIntervalsThenCurrent() {
        Staleness staleness = Staleness.of(properties(Duration.ofSeconds(60)));

        assertThat(staleness.at(0)).isEqualTo(Freshness.CURRENT);
        assertThat(staleness.at(nanos(Duration.ofMillis(5_999)))).isEqualTo(Freshness.CURRENT);
    }

    @Test
    void atWhenPastThreeResyncIntervalsAndWithinMaxStalenessThenStale() {
        Staleness staleness = Staleness.of(properties(Duration.ofSeconds(60)));

        assertThat(staleness.at(nanos(Duration.ofSeconds(6)))).isEqualTo(Freshness.STALE);
        assertThat(staleness.at(nanos(Duration.ofMillis(59_999)))).isEqualTo(Freshness.STALE);
    }

    @Test
    void atWhenMaxStalenessReachedThenUnusable() {
        Staleness staleness = Staleness.of(properties(Duration.ofSeconds(60)));

        assertThat(staleness.at(nanos(Duration.ofSeconds(60)))).isEqualTo(Freshness.UNUSABLE);
        assertThat(staleness.at(nanos(Duration.ofHours(1)))).isEqualTo(Freshness.UNUSABLE);
    }

    @Test
    void atWhenMaxStalenessZeroThenUnusableAsSoonAsNoLongerCurrent() {
        Staleness staleness = Staleness.of(properties(Duration.ZERO));

        assertThat(staleness.at(nanos(Duration.ofMillis(5_999)))).isEqualTo(Freshness.CURRENT);
        assertThat(staleness.at(nanos(Duration.ofSeconds(6)))).isEqualTo(Freshness.UNUSABLE);
    }

    private static RevocationProperties properties(Duration maxStaleness) {
        return new RevocationProperties(Store.REDIS, FailureMode.DENY, RESYNC, Duration.ofSeconds(1), maxStaleness);
    }

    private static long nanos(Duration age) {
        return age.toNanos();
    }
}
