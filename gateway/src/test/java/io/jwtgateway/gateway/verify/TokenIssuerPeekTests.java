package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unverified look at {@code iss} that picks an issuer, against payloads built to mislead it; and the verifier
 * behind it, which refuses what the look let through.
 */
class TokenIssuerPeekTests {

    static final String IDP = "https://idp.example/realms/test";
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    @Test
    void issuerWhenTopLevelStringThenReturned() {
        assertThat(TokenIssuerPeek.issuer(token("{\"sub\":\"alice\",\"iss\":\"" + IDP + "\"}"))).isEqualTo(IDP);
    }

    @Test
    void issuerWhenEscapedInJsonThenReturnedUnescaped() {
        String escaped = "{\"iss\":\"https:\\/\\/idp.example\\/realms\\/t\\u0065st\"}";

        assertThat(TokenIssuerPeek.issuer(token(escaped))).isEqualTo(IDP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"iss\":42}",
            "{\"iss\":null}",
            "{\"iss\":true}",
            "{\"iss\":[\"" + IDP + "\"]}",
            "{\"iss\":{\"iss\":\"" + IDP + "\"}}"})
    void issuerWhenNotAStringThenNone(String payload) {
        assertThat(TokenIssuerPeek.issuer(token(payload))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"act\":{\"iss\":\"" + IDP + "\"}}",
            "{\"list\":[{\"iss\":\"" + IDP + "\"}],\"sub\":\"alice\"}",
            "{\"realm_access\":{\"nested\":{\"iss\":\"" + IDP + "\"}}}"})
    void issuerWhenOnlyNestedThenNone(String payload) {
        assertThat(TokenIssuerPeek.issuer(token(payload))).isNull();
    }

    @Test
    void issuerWhenNestedBeforeTopLevelThenTopLevel() {
        String payload = "{\"act\":{\"iss\":\"jwt-gateway\",\"deep\":[{\"iss\":\"x\"}]},\"iss\":\"" + IDP + "\"}";

        assertThat(TokenIssuerPeek.issuer(token(payload))).isEqualTo(IDP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[\"iss\",\"https://idp.example/realms/test\"]",
            "\"iss\"",
            "{}",
            "{\"iss\"",
            "{\"sub\":\"alice\",",
            "not json"})
    void issuerWhenPayloadIsNotAnObjectWithIssThenNone(String payload) {
        assertThat(TokenIssuerPeek.issuer(token(payload))).isNull();
    }

    @Test
    void issuerWhenNestedDeeperThanParserAllowsThenNone() {
        String payload = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"iss\":\"" + IDP + "\"}";

        assertThat(TokenIssuerPeek.issuer(token(payload))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "abc.def", "a.b.c.d", ".", "..", "e30.!!!.sig"})
    void issuerWhenTokenIsNotThreeBase64UrlSegmentsThenNone(String token) {
        assertThat(TokenIssuerPeek.issuer(token)).isNull();
    }

    @Test
    void issuerWhenDuplicatedThenFirstIsOnlyAGuess() {
        String payload = "{\"iss\":\"" + IDP + "\",\"iss\":\"jwt-gateway\"}";

        assertThat(TokenIssuerPeek.issuer(token(payload))).isEqualTo(IDP);
    }

    @Test
    void verifyWhenOwnIssuerDuplicatedThenMalformed() {
        String token = signed(claims("\"iss\":\"jwt-gateway\",\"iss\":\"jwt-gateway\""));

        assertRefused(token, "The token is malformed");
    }

    @Test
    void verifyWhenOwnIssuerFirstAndProviderSecondThenRefused() {
        String token = signed(claims("\"iss\":\"jwt-gateway\",\"iss\":\"" + IDP + "\""));

        assertRefused(token, "The token is malformed");
    }

    @Test
    void verifyWhenProviderFirstAndOwnIssuerSecondThenRefused() {
        String token = signed(claims("\"iss\":\"" + IDP + "\",\"iss\":\"jwt-gateway\""));

        assertRefused(token, "The token signing key is unknown");      // the provider publishes no HMAC key
    }

    @Test
    void verifyWhenOwnTokenWithoutDuplicatesThenAccepted() {
        String token = signed(claims("\"iss\":\"jwt-gateway\""));

        assertThat(verifier().verify(token).block().issuer()).isEqualTo(TestTokens.ISSUER);
    }

    private static TokenVerifier verifier() {
        return VerifierFixture.verifier(AuthConfig.of(
                "trusted-issuers[0].issuer=" + IDP,
                "trusted-issuers[0].jwks-uri=http://127.0.0.1:9/realms/test/protocol/openid-connect/certs",
                "trusted-issuers[0].audiences[0]=api"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void assertRefused(String token, String description) {
        try {
            verifier().verify(token).block();
        } catch (AuthException refused) {
            assertThat(refused.error().status().value()).isEqualTo(401);
            assertThat(refused.error().description()).isEqualTo(description);
            return;
        }
        throw new AssertionError("accepted");
    }

    /** A payload the gateway accepts apart from the members given first. */
    private static String claims(String first) {
        long now = NOW.getEpochSecond();
        return "{" + first + ",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"sub\":\"alice\",\"jti\":\"t-1\",\"iat\":" + now
                + ",\"exp\":" + (now + 60) + "}";
    }

    /** Any signature: the peek never looks at it. */
    private static String token(String payload) {
        return encode(HEADER.getBytes(UTF_8)) + "." + encode(payload.getBytes(UTF_8)) + ".c2ln";
    }

    private static String signed(String payload) {
        String input = encode(HEADER.getBytes(UTF_8)) + "." + encode(payload.getBytes(UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestTokens.SECRET.getBytes(UTF_8), "HmacSHA256"));
            return input + "." + encode(mac.doFinal(input.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
