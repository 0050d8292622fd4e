package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many requests bringing the same new token at once: its signature is checked once, and they all get the answer.
 * Each {@code verify} call below is made before any is subscribed to, so every one of them is "at once".
 */
class SingleFlightVerificationTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestTokens tokens = new TestTokens(NOW);

    @Test
    void verifyWhenTwentyRequestsBringSameNewTokenAtOnceThenOneSignatureCheck() {
        TokenVerifier verifier = verifier(AuthConfig.of());
        String token = tokens.valid().sign();

        List<VerifiedToken> results = Flux.merge(calls(verifier, token, 20)).collectList().block();

        assertThat(results).hasSize(20).allSatisfy(verified -> assertThat(verified.subject()).isEqualTo("alice"));
        assertThat(checks("valid")).isEqualTo(1);
    }

    @Test
    void verifyWhenCacheDisabledAndRequestsAtOnceThenStillOneSignatureCheck() {
        TokenVerifier verifier = verifier(AuthConfig.of("cache.enabled=false"));
        String token = tokens.valid().sign();

        Flux.merge(calls(verifier, token, 20)).blockLast();

        assertThat(checks("valid")).isEqualTo(1);
    }

    @Test
    void verifyWhenForgedTokenAtOnceThenOneCheckAndEveryRequestRefused() {
        TokenVerifier verifier = verifier(AuthConfig.of());
        String forged = tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!").sign();

        List<String> refusals = Flux.merge(calls(verifier, forged, 10).stream()
                .map(call -> call.map(VerifiedToken::subject)
                        .onErrorResume(AuthException.class, ex -> Mono.just(ex.error().description())))
                .toList())
                .collectList().block();

        assertThat(refusals).hasSize(10).containsOnly("The token signature is invalid");
        assertThat(checks("invalid")).isEqualTo(1);
    }

    @Test
    void verifyWhenForgedTokenAgainLaterThenCheckedAgain() {
        TokenVerifier verifier = verifier(AuthConfig.of());
        String forged = tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!").sign();

        verifier.verify(forged).onErrorResume(AuthException.class, ex -> Mono.empty()).block();
        verifier.verify(forged).onErrorResume(AuthException.class, ex -> Mono.empty()).block();

        assertThat(checks("invalid")).isEqualTo(2);                 // refusals are shared, never remembered
    }

    private TokenVerifier verifier(AuthProperties properties) {
        return VerifierFixture.verifier(VerifierFixture.signingKeys(properties), properties,
                Clock.fixed(NOW, ZoneOffset.UTC), registry);
    }

    private static List<Mono<VerifiedToken>> calls(TokenVerifier verifier, String token, int count) {
        List<Mono<VerifiedToken>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(verifier.verify(token));
        }
        return calls;
    }

    private long checks(String result) {
        return registry.get(VerificationMetrics.VERIFICATION).tag("cache", "miss").tag("result", result).timer()
                .count();
    }
}
