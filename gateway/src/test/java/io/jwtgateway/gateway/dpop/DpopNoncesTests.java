package io.jwtgateway.gateway.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;

class DpopNoncesTests {

    static final DpopProperties.Nonce PROPERTIES =
            new DpopProperties.Nonce(true, "a-nonce-secret-every-replica-shares-0123", Duration.ofMinutes(5));

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final DpopNonces nonces = new DpopNonces(PROPERTIES, clock);

    @Test
    void isValidWhenNonceOfThisOrThePreviousIntervalThenTrueAndOlderOrForeignFalse() {
        String first = nonces.current();
        clock.advance(Duration.ofMinutes(5));
        String second = nonces.current();

        assertThat(second).isNotEqualTo(first);
        assertThat(nonces.isValid(second)).isTrue();
        assertThat(nonces.isValid(first)).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(nonces.isValid(first)).isFalse();
        assertThat(nonces.isValid("a-nonce-nobody-issued")).isFalse();
    }

    @Test
    void currentWhenAnotherReplicaHasTheSameSecretThenSameNonceAndAnotherSecretDiffers() {
        DpopNonces replica = new DpopNonces(PROPERTIES, clock);
        DpopNonces stranger = new DpopNonces(new DpopProperties.Nonce(true,
                "another-secret-of-at-least-thirty-two-bytes", Duration.ofMinutes(5)), clock);

        assertThat(replica.current()).isEqualTo(nonces.current());
        assertThat(stranger.current()).isNotEqualTo(nonces.current());
        assertThat(nonces.isValid(stranger.current())).isFalse();
    }
}
