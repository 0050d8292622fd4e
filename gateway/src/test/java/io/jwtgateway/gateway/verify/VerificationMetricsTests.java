package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class VerificationMetricsTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AuthProperties properties = AuthConfig.of();
    final TokenVerifier verifier = VerifierFixture.verifier(VerifierFixture.signingKeys(properties), properties,
            Clock.fixed(NOW, ZoneOffset.UTC), registry);
    final TestTokens tokens = new TestTokens(NOW);

    @Test
    void verifyWhenSameTokenTwiceThenOneMissAndOneCacheHitTimed() {
        String token = tokens.valid().sign();

        verifier.verify(token).block();
        verifier.verify(token).block();

        assertThat(count("miss", "valid")).isEqualTo(1);
        assertThat(count("hit", "valid")).isEqualTo(1);
        assertThat(count("miss", "invalid")).isZero();
    }

    @Test
    void verifyWhenSignatureInvalidThenMissTimedAsInvalid() {
        String token = tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!").sign();

        verifier.verify(token).onErrorResume(AuthException.class, refused -> Mono.empty()).block();

        assertThat(count("miss", "invalid")).isEqualTo(1);
        assertThat(count("miss", "valid")).isZero();
    }

    @Test
    void verifyWhenNotEvenCanonicalThenNotTimed() {
        verifier.verify("not-a-token").onErrorResume(AuthException.class, refused -> Mono.empty()).block();

        assertThat(count("miss", "invalid") + count("miss", "valid") + count("hit", "valid")).isZero();
    }

    private long count(String cache, String result) {
        return registry.get(VerificationMetrics.VERIFICATION).tag("cache", cache).tag("result", result).timer()
                .count();
    }
}
