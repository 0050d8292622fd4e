package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each way a token fails names its {@link AuthOutcome}: what {@code gateway_auth_decisions_total} and the access log
 * report. One token per reason, each breaking one thing.
 */
class RefusalOutcomeTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final TestTokens tokens = new TestTokens(NOW);

    final TokenVerifier verifier = VerifierFixture.verifier(AuthConfig.of(), Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> brokenTokens() {
        return Stream.of(
                Arguments.of("not three segments", "not-a-token", AuthOutcome.MALFORMED),
                Arguments.of("padded base64", tokens.valid().sign() + "=", AuthOutcome.MALFORMED),
                Arguments.of("over max-token-bytes", tokens.valid().claim("pad", "x".repeat(9000)).sign(),
                        AuthOutcome.MALFORMED),
                Arguments.of("another secret", tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!")
                        .sign(), AuthOutcome.INVALID_SIGNATURE),
                Arguments.of("alg other than the key's", tokens.valid().algorithm("HS384").sign(),
                        AuthOutcome.WRONG_ALGORITHM),
                Arguments.of("b64 header", tokens.valid().header("b64", false).sign(),
                        AuthOutcome.INVALID_HEADER),
                Arguments.of("typ not JWT", tokens.valid().header("typ", "at+jwt").sign(),
                        AuthOutcome.INVALID_HEADER),
                Arguments.of("unknown kid", tokens.valid().header("kid", "no-such-key").sign(),
                        AuthOutcome.UNKNOWN_KEY),
                Arguments.of("exp passed", tokens.valid().expiresAt(NOW.minus(Duration.ofMinutes(5))).sign(),
                        AuthOutcome.EXPIRED),
                Arguments.of("nbf ahead", tokens.valid().notBefore(NOW.plus(Duration.ofMinutes(5))).sign(),
                        AuthOutcome.NOT_YET_VALID),
                Arguments.of("another iss", tokens.valid().claim("iss", "someone-else").sign(),
                        AuthOutcome.WRONG_ISSUER),
                Arguments.of("another aud", tokens.valid().claim("aud", List.of("other-backends")).sign(),
                        AuthOutcome.WRONG_AUDIENCE),
                Arguments.of("no jti", tokens.valid().without("jti").sign(), AuthOutcome.INVALID_CLAIMS),
                Arguments.of("no exp", tokens.valid().without("exp").sign(), AuthOutcome.INVALID_CLAIMS),
                Arguments.of("roles not a list", tokens.valid().claim("roles", "admin").sign(),
                        AuthOutcome.INVALID_CLAIMS));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("brokenTokens")
    void verifyWhenTokenBrokenThenRefusalNamesItsOutcome(String broken, String token, AuthOutcome expected) {
        AuthError error = KeyRotationTests.rejectionOf(verifier.verify(token));

        assertThat(error.outcome()).isEqualTo(expected);
    }
}
