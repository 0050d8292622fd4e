package io.jwtgateway.gateway.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RevokedTokensTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void forgetExpiredWhenTokenExpiredThenEntryDropped() {
        RevokedTokens revoked = new RevokedTokens();
        revoked.add("old", NOW.minusSeconds(60).getEpochSecond());
        revoked.add("live", NOW.plusSeconds(60).getEpochSecond());

        revoked.forgetExpired(NOW);

        assertThat(revoked.contains("old")).isFalse();
        assertThat(revoked.contains("live")).isTrue();
        assertThat(revoked.size()).isEqualTo(1);
    }

    @Test
    void revokeWhenManyTokensRevokedOverTimeThenMemoryStoreHoldsOnlyLiveOnes() {
        MutableClock clock = new MutableClock(NOW);
        MemoryRevocationStore store = new MemoryRevocationStore(clock, Duration.ofSeconds(30));

        for (int second = 0; second < 600; second++) {                 // ten minutes, one revocation a second
            clock.now = NOW.plusSeconds(second);
            store.revoke("token-" + second, clock.now.plus(Duration.ofMinutes(3)).getEpochSecond()).block();
        }

        // alive: exp within the last 30 s of skew or later -> about 3.5 minutes' worth, not 600
        assertThat(store.local().size()).isBetween(180, 215);
    }

    @Test
    void addWhenSameIdTwiceThenLaterExpiryKept() {
        RevokedTokens revoked = new RevokedTokens();
        revoked.add("id", 100);
        revoked.add("id", 50);

        revoked.forgetExpired(Instant.ofEpochSecond(75));

        assertThat(revoked.contains("id")).isTrue();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
