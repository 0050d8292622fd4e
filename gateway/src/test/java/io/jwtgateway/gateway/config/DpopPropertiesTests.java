package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.jwtgateway.gateway.config.DpopProperties.Nonce;
import io.jwtgateway.gateway.config.DpopProperties.Replay;
import io.jwtgateway.gateway.config.RevocationProperties.Store;
import org.junit.jupiter.api.Test;

class DpopPropertiesTests {

    static final Replay REPLAY = new Replay(Store.MEMORY, 500_000, Duration.ofSeconds(1));
    static final Nonce NO_NONCE = new Nonce(false, null, Duration.ofMinutes(5));

    @Test
    void constructWhenDefaultsThenAccepted() {
        DpopProperties properties = new DpopProperties(false, List.of("ES256", "RS256", "PS256", "EdDSA"),
                Duration.ofSeconds(60), null, REPLAY, NO_NONCE);

        assertThat(properties.signingAlgorithms()).hasSize(4);
    }

    @Test
    void constructWhenSymmetricUnknownOrNoAlgorithmThenEachReportedNamingItsIndex() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new DpopProperties(false, List.of("ES256", "HS256", "none"), Duration.ofSeconds(60),
                        null, REPLAY, NO_NONCE))
                .withMessageContaining("gateway.auth.dpop.algorithms[1]: must be an asymmetric JWS algorithm")
                .withMessageContaining("gateway.auth.dpop.algorithms[2]: must be an asymmetric JWS algorithm");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new DpopProperties(false, List.of(), Duration.ofSeconds(60), null, REPLAY, NO_NONCE))
                .withMessageContaining("gateway.auth.dpop.algorithms: must name at least one of");
    }

    @Test
    void constructWhenNonceEnabledWithoutALongEnoughSecretThenRefusedNamingTheSecret() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new DpopProperties(false, List.of("ES256"), Duration.ofSeconds(60), null, REPLAY,
                        new Nonce(true, null, Duration.ofMinutes(5))))
                .withMessageContaining("gateway.auth.dpop.nonce.secret: must be at least 32 bytes");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new DpopProperties(false, List.of("ES256"), Duration.ofSeconds(60), null, REPLAY,
                        new Nonce(true, "short", Duration.ofMinutes(5))))
                .withMessageContaining("gateway.auth.dpop.nonce.secret: must be at least 32 bytes");
    }

    @Test
    void constructWhenAgeBaseUrlAndReplayOutOfRangeThenEachReported() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new DpopProperties(false, List.of("ES256"), Duration.ZERO,
                        URI.create("https://api.example.com/?x=1"), new Replay(Store.MEMORY, 10, Duration.ZERO),
                        new Nonce(false, null, Duration.ZERO)))
                .withMessageContaining("gateway.auth.dpop.proof-max-age: must be positive and at most 1h")
                .withMessageContaining("gateway.auth.dpop.public-base-url: must be an absolute http(s) URL")
                .withMessageContaining("gateway.auth.dpop.replay.max-entries: must be at least 1000")
                .withMessageContaining("gateway.auth.dpop.replay.timeout: must be positive")
                .withMessageContaining("gateway.auth.dpop.nonce.rotation: must be at least 1s");
    }

    @Test
    void toStringWhenNonceSecretSetThenSecretNotPrinted() {
        DpopProperties properties = new DpopProperties(false, List.of("ES256"), Duration.ofSeconds(60), null, REPLAY,
                new Nonce(true, "a-nonce-secret-that-is-32-bytes-or-more", Duration.ofMinutes(5)));

        assertThat(properties.toString()).doesNotContain("a-nonce-secret");
    }
}
