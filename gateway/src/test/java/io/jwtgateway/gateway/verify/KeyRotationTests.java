package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.token.IssuerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Rotating the signing key: tokens signed before the rotation stay valid while their key is listed in
 * {@code gateway.auth.signing.previous-public-keys}, and stop being valid once it is removed.
 */
class KeyRotationTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    KeyPair oldRsa;
    KeyPair newRsa;

    @BeforeEach
    void keys() {
        oldRsa = KeyFiles.rsa(2048);
        newRsa = KeyFiles.rsa(2048);
    }

    @Test
    void verifyWhenSignedByRetiredKeyStillListedThenAccepted() {
        String token = issuedBefore("RS256", oldRsa);
        AuthProperties rotated = rs256(newRsa, "signing.previous-public-keys[0]=" + publicFile("old.pub", oldRsa));

        Mono<VerifiedToken> result = verifierFor(rotated).verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("alice"))
                .verifyComplete();
    }

    @Test
    void verifyWhenRetiredKeyRemovedThenSigningKeyUnknown() {
        String token = issuedBefore("RS256", oldRsa);
        AuthProperties rotatedTwice = rs256(newRsa);

        Mono<VerifiedToken> result = verifierFor(rotatedTwice).verify(token);

        AuthError error = rejectionOf(result);
        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
        assertThat(error.description()).isEqualTo("The token signing key is unknown");
    }

    @Test
    void verifyWhenSignedByCurrentKeyAfterRotationThenAccepted() {
        AuthProperties rotated = rs256(newRsa, "signing.previous-public-keys[0]=" + publicFile("old.pub", oldRsa));
        SigningKeys keys = VerifierFixture.signingKeys(rotated);
        String token = IssuerFixture.issue(keys, rotated, clock, "bob");

        Mono<VerifiedToken> result = VerifierFixture.verifier(keys, rotated, clock).verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("bob"))
                .verifyComplete();
    }

    @Test
    void verifyWhenRetiredKeyOfOtherAlgorithmListedThenAccepted() {
        KeyPair oldEc = KeyFiles.ec("secp256r1");
        String token = issuedBefore("ES256", oldEc);
        AuthProperties rotated = rs256(newRsa, "signing.previous-public-keys[0]=" + publicFile("old-ec.pub", oldEc));

        Mono<VerifiedToken> result = verifierFor(rotated).verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("alice"))
                .verifyComplete();
    }

    @Test
    void verifyWhenMovingFromRs256ToPs256WithPreviousAlgorithmThenOldTokensAccepted() {
        String token = issuedBefore("RS256", oldRsa);
        AuthProperties rotated = AuthConfig.of("hmac-secret=", "signing.algorithm=PS256",
                "signing.private-key=" + PemFiles.writePrivate(dir, "current.pem", newRsa),
                "signing.previous-public-keys[0]=" + publicFile("old.pub", oldRsa),
                "signing.previous-algorithm=RS256");

        Mono<VerifiedToken> result = verifierFor(rotated).verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("alice"))
                .verifyComplete();
    }

    @Test
    void verifyWhenMovingFromRs256ToPs256WithoutPreviousAlgorithmThenOldTokensRefused() {
        String token = issuedBefore("RS256", oldRsa);
        AuthProperties rotated = AuthConfig.of("hmac-secret=", "signing.algorithm=PS256",
                "signing.private-key=" + PemFiles.writePrivate(dir, "current.pem", newRsa),
                "signing.previous-public-keys[0]=" + publicFile("old.pub", oldRsa));

        Mono<VerifiedToken> result = verifierFor(rotated).verify(token);

        assertThat(rejectionOf(result).description()).isEqualTo("The token algorithm is not accepted");
    }

    @Test
    void verifyWhenRetiredEcKeyNamedWithOtherAlgorithmThenRefused() {
        KeyPair oldEc = KeyFiles.ec("secp256r1");
        String es256 = issuedBefore("ES256", oldEc);
        String relabelled = new TestTokens(NOW).valid()
                .header("kid", KeyFiles.header(es256).get("kid")).algorithm("ES384").signedWith(oldEc.getPrivate())
                .sign();
        AuthProperties rotated = rs256(newRsa, "signing.previous-public-keys[0]=" + publicFile("old-ec.pub", oldEc));

        Mono<VerifiedToken> result = verifierFor(rotated).verify(relabelled);

        assertThat(rejectionOf(result).code()).isEqualTo("invalid_token");
    }

    @Test
    void publicJwksWhenRetiredKeysListedThenCurrentFirstThenRetiredByThumbprint() {
        KeyPair oldEc = KeyFiles.ec("secp256r1");
        AuthProperties rotated = rs256(newRsa,
                "signing.previous-public-keys[0]=" + publicFile("old.pub", oldRsa),
                "signing.previous-public-keys[1]=" + publicFile("old-ec.pub", oldEc));

        SigningKeys keys = VerifierFixture.signingKeys(rotated);

        assertThat(keys.publicJwks()).extracting(jwk -> jwk.get("kid")).containsExactly(
                KeyFiles.thumbprint(newRsa.getPublic()), KeyFiles.thumbprint(oldRsa.getPublic()),
                KeyFiles.thumbprint(oldEc.getPublic()));
        assertThat(keys.publicJwks()).extracting(jwk -> jwk.get("alg")).containsExactly("RS256", "RS256", "ES256");
    }

    /** A token issued by the gateway while {@code pair} was its key for {@code algorithm}. */
    private String issuedBefore(String algorithm, KeyPair pair) {
        AuthProperties before = AuthConfig.of("hmac-secret=", "signing.algorithm=" + algorithm,
                "signing.private-key=" + PemFiles.writePrivate(dir, algorithm + "-old.pem", pair));
        return IssuerFixture.issue(VerifierFixture.signingKeys(before), before,
                Clock.fixed(NOW.minus(Duration.ofMinutes(1)), ZoneOffset.UTC), "alice");
    }

    private AuthProperties rs256(KeyPair current, String... more) {
        String[] entries = new String[more.length + 3];
        entries[0] = "hmac-secret=";
        entries[1] = "signing.algorithm=RS256";
        entries[2] = "signing.private-key=" + PemFiles.writePrivate(dir, "current.pem", current);
        System.arraycopy(more, 0, entries, 3, more.length);
        return AuthConfig.of(entries);
    }

    private Path publicFile(String name, KeyPair pair) {
        return PemFiles.writePublic(dir, name, pair);
    }

    private TokenVerifier verifierFor(AuthProperties properties) {
        return VerifierFixture.verifier(properties, clock);
    }

    static AuthError rejectionOf(Mono<VerifiedToken> result) {
        AtomicReference<AuthError> error = new AtomicReference<>();
        StepVerifier.create(result)
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(AuthException.class);
                    error.set(((AuthException) ex).error());
                })
                .verify(Duration.ofSeconds(5));
        return error.get();
    }
}
