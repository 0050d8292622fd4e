package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TokenVerifierTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** Runs of '?' (0x3F) and '>' (0x3E) always encode to '_' and '-' in base64url, whatever their alignment. */
    static final String URL_SAFE_SUBJECT = "alice??????>>>>>>";
    static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    AuthProperties properties = AuthConfig.of();
    TokenVerifier verifier = VerifierFixture.verifier(properties, Clock.fixed(NOW, ZoneOffset.UTC));
    TestTokens tokens = new TestTokens(NOW);

    // --- accepted ---

    @Test
    void verifyWhenTokenValidThenTrustedClaims() {
        String token = tokens.valid().roles("user", "admin").claim("jti", "token-1").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> {
                    assertThat(verified.subject()).isEqualTo("alice");
                    assertThat(verified.roles()).containsExactly("user", "admin");
                    assertThat(verified.tokenId()).isEqualTo("token-1");
                    assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
                })
                .verifyComplete();
    }

    @Test
    void verifyWhenRolesAbsentThenNoRoles() {
        String token = tokens.valid().without("roles").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.roles()).isEmpty())
                .verifyComplete();
    }

    @Test
    void verifyWhenAudienceIsSingleStringThenAccepted() {
        String token = tokens.valid().claim("aud", TestTokens.AUDIENCE).sign();     // RFC 7519 §4.1.3

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenAudienceListsOthersBesideOursThenAccepted() {
        String token = tokens.valid().claim("aud", List.of("someone-else", TestTokens.AUDIENCE)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenIssuedAtAbsentThenAccepted() {
        String token = tokens.valid().without("iat").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenHandBuiltTokenValidThenAccepted() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claimsJson("\"sub\":\"alice\""));

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("alice"))
                .verifyComplete();
    }

    // --- lifetime ---

    @Test
    void verifyWhenExpiredBeyondSkewThenExpiredToken() {
        String token = tokens.valid().issuedAt(NOW.minusSeconds(300)).expiresAt(NOW.minusSeconds(31)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertThat(rejectionOf(result)).isEqualTo(AuthError.expiredToken());
    }

    @Test
    void verifyWhenExpiredWithinSkewThenAccepted() {
        String token = tokens.valid().issuedAt(NOW.minusSeconds(300)).expiresAt(NOW.minusSeconds(29)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenExpiryMissingThenInvalidToken() {
        String token = tokens.valid().without("exp").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenExpiryIsJsonStringThenInvalidToken() {
        String token = tokens.valid().claim("exp", "9999999999").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenExpiryIsIsoDateStringThenInvalidToken() {
        String token = tokens.valid().claim("exp", "2099-01-01T00:00:00Z").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenIssuedAtIsJsonStringThenInvalidToken() {
        String token = tokens.valid().claim("iat", String.valueOf(NOW.getEpochSecond())).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenNotBeforeIsJsonStringThenInvalidToken() {
        String token = tokens.valid().claim("nbf", String.valueOf(NOW.getEpochSecond())).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenIssuedInFutureBeyondSkewThenInvalidToken() {
        String token = tokens.valid().issuedAt(NOW.plusSeconds(31)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenIssuedInFutureWithinSkewThenAccepted() {
        String token = tokens.valid().issuedAt(NOW.plusSeconds(29)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenNotBeforeInFutureBeyondSkewThenInvalidToken() {
        String token = tokens.valid().notBefore(NOW.plusSeconds(31)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenNotBeforeInFutureWithinSkewThenAccepted() {
        String token = tokens.valid().notBefore(NOW.plusSeconds(29)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertAccepted(result);
    }

    @Test
    void verifyWhenNotBeforeBeyondMillisecondRangeThenInvalidToken() {
        String token = tokens.valid().claim("nbf", 1e300).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenIssuedAtBeyondMillisecondRangeThenInvalidToken() {
        String token = tokens.valid().claim("iat", 1e300).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenExpiryIsJsonStringThenNotRefusedForItsAlgorithm() {
        String token = tokens.valid().claim("exp", "9999999999").sign();
        AuthError algorithmRefusal = rejectionOf(verifier.verify(tokens.valid().algorithm("HS384").sign()));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertThat(rejectionOf(result).description()).isNotEqualTo(algorithmRefusal.description());
    }

    // --- key and algorithm ---

    @Test
    void verifyWhenSignedWithOtherSecretThenInvalidToken() {
        String token = tokens.valid().signedWith("another-secret-that-is-at-least-32-bytes").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadSwappedUnderSignatureThenInvalidToken() {
        String[] alice = tokens.valid().sign().split("\\.");
        String[] mallory = tokens.valid().subject("mallory").roles("admin").sign().split("\\.");
        String spliced = alice[0] + "." + mallory[1] + "." + alice[2];

        Mono<VerifiedToken> result = verifier.verify(spliced);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmHs384ThenInvalidToken() {
        String token = tokens.valid().algorithm("HS384").signedWith(TestTokens.SECRET + "-padded-to-48-bytes").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmHs512ThenInvalidToken() {
        String token = tokens.valid().algorithm("HS512")
                .signedWith(TestTokens.SECRET + "-padded-to-sixty-four-bytes-for-hs512").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmHs384WithOurSecretThenInvalidToken() {
        String token = tokens.valid().algorithm("HS384").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmNoneThenInvalidToken() {
        String token = tokens.valid().algorithm("none").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmNoneCarriesHs256SignatureThenInvalidToken() {
        String[] parts = tokens.valid().sign().split("\\.");
        String unsecuredHeader = tokens.valid().algorithm("none").sign().split("\\.")[0];
        String token = unsecuredHeader + "." + parts[1] + "." + parts[2];

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hs256", "Hs256", "HS256 ", " HS256", "HS256\u0000", "HS-256", "HMAC256", ""})
    void verifyWhenAlgorithmLooksLikeHs256ThenInvalidToken(String alg) {
        String token = tokens.valid().algorithm(alg).sign();           // signed with HMAC-SHA256 and our secret

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAlgorithmMissingThenInvalidToken() {
        String token = signRaw("{\"typ\":\"JWT\"}", claimsJson("\"sub\":\"alice\""));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenUnknownCriticalHeaderThenInvalidToken() {
        String token = tokens.valid().header("crit", List.of("x-unknown")).header("x-unknown", true).sign();

        Mono<VerifiedToken> result = verifier.verify(token);                // RFC 7515 §4.1.11

        assertInvalidNotExpired(rejectionOf(result));
    }

    // --- issuer and audience ---

    @Test
    void verifyWhenIssuerWrongThenInvalidToken() {
        String token = tokens.valid().claim("iss", "someone-else").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenIssuerMissingThenInvalidToken() {
        String token = tokens.valid().without("iss").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAudienceWrongThenInvalidToken() {
        String token = tokens.valid().claim("aud", List.of("other-backends")).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAudienceMissingThenInvalidToken() {
        String token = tokens.valid().without("aud").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAudienceIsAServiceThenAddressedToThatService() {
        String token = tokens.valid().claim("aud", "backend").sign();     // a token made by token exchange

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.service()).isEqualTo("backend"))
                .verifyComplete();
    }

    @Test
    void verifyWhenAudienceIsOursThenAddressedToNoService() {
        String token = tokens.valid().sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.service()).isNull())
                .verifyComplete();
    }

    @Test
    void verifyWhenAudienceIsAnUnknownServiceThenInvalidToken() {
        String token = tokens.valid().claim("aud", "inventory").sign();   // not configured here

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenAudienceNamesAServiceBesideAnotherThenInvalidToken() {
        String token = tokens.valid().claim("aud", List.of("backend", "someone-else")).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenActorNestedThenReadWithItsChain() {
        String token = tokens.valid().claim("act", Map.of("sub", "orders", "act", Map.of("sub", "web"))).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.actor())
                        .isEqualTo(Map.of("sub", "orders", "act", Map.of("sub", "web"))))
                .verifyComplete();
    }

    @Test
    void verifyWhenActorHasNoSubjectThenInvalidToken() {
        String token = tokens.valid().claim("act", Map.of("iss", "somewhere")).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    // --- subject, token id, roles ---

    @Test
    void verifyWhenSubjectMissingThenInvalidToken() {
        String token = tokens.valid().without("sub").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenSubjectEmptyThenInvalidToken() {
        String token = tokens.valid().subject("").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenTokenIdMissingThenInvalidToken() {
        String token = tokens.valid().without("jti").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenTokenIdEmptyThenInvalidToken() {
        String token = tokens.valid().claim("jti", "").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenOwnTokenCarriesClientIdAndKeyIdThenBothRead() {
        String token = tokens.valid().claim("client_id", "billing").claim("key_id", "abcdefghijkl").sign();

        StepVerifier.create(verifier.verify(token))
                .assertNext(verified -> {
                    assertThat(verified.clientId()).isEqualTo("billing");
                    assertThat(verified.keyId()).isEqualTo("abcdefghijkl");
                })
                .verifyComplete();
    }

    @Test
    void verifyWhenOwnTokenKeyIdIsNotAStringThenInvalidToken() {
        String token = tokens.valid().claim("client_id", "billing").claim("key_id", 42).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenRolesIsStringThenInvalidToken() {
        String token = tokens.valid().claim("roles", "admin").sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenRolesIsObjectThenInvalidToken() {
        String token = tokens.valid().claim("roles", Map.of("0", "admin")).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenRolesHoldNonStringThenInvalidToken() {
        String token = tokens.valid().claim("roles", List.of("user", 42)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenRolesHoldNestedListThenInvalidToken() {
        String token = tokens.valid().claim("roles", List.of(List.of("admin"))).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    // --- one spelling per token ---

    @Test
    void verifyWhenSignaturePaddedThenInvalidToken() {
        String padded = tokens.valid().sign() + "=";

        Mono<VerifiedToken> result = verifier.verify(padded);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadSpelledWithPlusThenInvalidToken() {
        String token = tokens.valid().subject(URL_SAFE_SUBJECT).sign();
        String payload = token.split("\\.")[1];
        assertThat(payload).contains("-");
        String plusSpelling = token.replace(payload, payload.replace('-', '+'));

        Mono<VerifiedToken> result = verifier.verify(plusSpelling);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadSpelledWithSlashThenInvalidToken() {
        String token = tokens.valid().subject(URL_SAFE_SUBJECT).sign();
        String payload = token.split("\\.")[1];
        assertThat(payload).contains("_");
        String slashSpelling = token.replace(payload, payload.replace('_', '/'));

        Mono<VerifiedToken> result = verifier.verify(slashSpelling);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenSignatureHasNonZeroTrailingBitsThenInvalidToken() {
        String token = tokens.valid().sign();
        char last = token.charAt(token.length() - 1);
        String sameBytes = token.substring(0, token.length() - 1) + BASE64URL.charAt(BASE64URL.indexOf(last) | 1);

        Mono<VerifiedToken> result = verifier.verify(sameBytes);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenTokenHasSurroundingWhitespaceThenInvalidToken() {
        String token = " " + tokens.valid().sign() + " ";

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadHasDuplicateMemberThenInvalidToken() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                claimsJson("\"sub\":\"alice\",\"sub\":\"mallory\""));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadHasDuplicateExpiryThenInvalidToken() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                claimsJson("\"sub\":\"alice\",\"exp\":" + NOW.minusSeconds(3600).getEpochSecond()));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenHeaderHasDuplicateAlgorithmThenInvalidToken() {
        String token = signRaw("{\"alg\":\"none\",\"alg\":\"HS256\",\"typ\":\"JWT\"}", claimsJson("\"sub\":\"alice\""));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadHasContentAfterObjectThenInvalidToken() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                claimsJson("\"sub\":\"alice\"") + "{\"sub\":\"mallory\"}");

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadIsJsonArrayThenInvalidToken() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "[\"alice\"]");

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenPayloadIsNotJsonThenInvalidToken() {
        String token = signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "alice");

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "Bearer x.y.z", "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "...."})
    void verifyWhenGarbageThenInvalidToken(String garbage) {
        Mono<VerifiedToken> result = verifier.verify(garbage);

        assertInvalidNotExpired(rejectionOf(result));
    }

    @Test
    void verifyWhenLongerThanMaxLengthThenInvalidToken() {
        String token = tokens.valid().claim("pad", "x".repeat(TokenFormat.MAX_LENGTH)).sign();

        Mono<VerifiedToken> result = verifier.verify(token);

        assertInvalidNotExpired(rejectionOf(result));
    }

    // --- helpers ---

    private static void assertAccepted(Mono<VerifiedToken> result) {
        StepVerifier.create(result)
                .expectNextCount(1)
                .verifyComplete();
    }

    private static AuthError rejectionOf(Mono<VerifiedToken> result) {
        AtomicReference<AuthError> error = new AtomicReference<>();
        StepVerifier.create(result)
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(AuthException.class);
                    error.set(((AuthException) ex).error());
                })
                .verify(Duration.ofSeconds(5));
        return error.get();
    }

    private static void assertInvalidNotExpired(AuthError error) {
        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
        assertThat(error.description()).isNotEqualTo(AuthError.expiredToken().description());
    }

    /** A valid claims object as JSON text, with {@code members} (at least {@code sub}) appended by hand. */
    private static String claimsJson(String members) {
        return "{\"iss\":\"%s\",\"aud\":[\"%s\"],\"iat\":%d,\"exp\":%d,\"jti\":\"token-1\",%s}".formatted(
                TestTokens.ISSUER, TestTokens.AUDIENCE, NOW.getEpochSecond(), NOW.plusSeconds(300).getEpochSecond(),
                members);
    }

    /** An HS256 token over JSON text exactly as given: what a JSON library would refuse to write. */
    private static String signRaw(String headerJson, String claimsJson) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String signingInput = encoder.encodeToString(headerJson.getBytes(UTF_8)) + "."
                + encoder.encodeToString(claimsJson.getBytes(UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestTokens.SECRET.getBytes(UTF_8), "HmacSHA256"));
            return signingInput + "." + encoder.encodeToString(mac.doFinal(signingInput.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
