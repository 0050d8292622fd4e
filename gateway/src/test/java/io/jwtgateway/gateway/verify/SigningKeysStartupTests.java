package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.token.IssuerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.test.StepVerifier;

/**
 * Loading the gateway's own keys at startup: a configured PKCS#8 key signs; every unusable key, file or combination
 * stops the context with a message naming the property; no key means a key pair for this process only.
 */
class SigningKeysStartupTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String PRIVATE_KEY = "gateway.auth.signing.private-key";
    static final String RETIRED_KEY = "gateway.auth.signing.previous-public-keys[0]";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The binding and the one bean under test, as the application registers them. */
    final ApplicationContextRunner gateway = new ApplicationContextRunner().withUserConfiguration(OwnKeys.class);

    @TempDir
    Path dir;

    // --- a configured key ---

    @Test
    void startWhenPrivateKeyConfiguredThenTokensCarryItsSignatureAndThumbprint() {
        KeyPair pair = KeyFiles.pairFor("ES256");
        Path file = PemFiles.writePrivate(dir, "es256.pem", pair);

        gateway.withPropertyValues("gateway.auth.signing.algorithm=ES256", PRIVATE_KEY + "=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            SigningKeys keys = context.getBean(SigningKeys.class);
            String token = IssuerFixture.issue(keys, context.getBean(AuthProperties.class), clock, "alice");

            assertThat(keys.keyId()).isEqualTo(KeyFiles.thumbprint(pair.getPublic()));
            assertThat(Jwts.parser().json(JwtJson.reader()).verifyWith(pair.getPublic()).clock(() -> Date.from(NOW))
                    .build()
                    .parseSignedClaims(token).getPayload().getSubject()).isEqualTo("alice");
        });
    }

    // --- the private key does not fit the algorithm ---

    @Test
    void startWhenRsaKeyHas1024BitsThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "rsa1024.pem", KeyFiles.rsa(1024));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY, "1024-bit", "2048");
    }

    @Test
    void startWhenP384KeyWithEs256ThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "p384.pem", KeyFiles.ec("secp384r1"));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=ES256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY, "P-256");
    }

    @Test
    void startWhenRsaKeyWithEs256ThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "rsa.pem", KeyFiles.rsa(2048));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=ES256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY, "ES256");
    }

    @Test
    void startWhenEcKeyWithRs256ThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "p256.pem", KeyFiles.ec("secp256r1"));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY, "RSA");
    }

    @Test
    void startWhenEd448KeyWithEdDsaThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "ed448.pem", KeyFiles.generate("Ed448"));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=EdDSA", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY);
    }

    // --- the private key file is unusable ---

    @ParameterizedTest
    @CsvSource({"EC PRIVATE KEY, ES256", "RSA PRIVATE KEY, RS256"})
    void startWhenPrivateKeyInTraditionalFormThenFailsSuggestingPkcs8(String label, String algorithm) {
        KeyPair pair = algorithm.equals("ES256") ? KeyFiles.ec("secp256r1") : KeyFiles.rsa(2048);
        Path file = PemFiles.writeTraditional(dir, "traditional.pem", label, pair);

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm,
                PRIVATE_KEY + "=" + file), PRIVATE_KEY, "openssl pkcs8");
    }

    @Test
    void startWhenPrivateKeyFileMissingThenFailsNamingPrivateKey() {
        Path missing = dir.resolve("no-such-key.pem");

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                PRIVATE_KEY + "=" + missing), PRIVATE_KEY, "cannot be read");
    }

    @Test
    void startWhenPrivateKeyFileGarbageThenFailsNamingPrivateKeyWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("garbage.pem"), "not-a-key-but-maybe-a-secret", US_ASCII);

        gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256", PRIVATE_KEY + "=" + file).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure()).getMessage())
                    .contains(PRIVATE_KEY)
                    .doesNotContain("not-a-key-but-maybe-a-secret");
        });
    }

    @Test
    void startWhenPrivateKeyFileHoldsPublicKeyThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePublic(dir, "public.pem", KeyFiles.rsa(2048));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY, "BEGIN PRIVATE KEY");
    }

    @Test
    void startWhenPrivateKeyPemBlockCorruptThenFailsNamingPrivateKey() {
        Path file = PemFiles.write(dir.resolve("corrupt.pem"), "PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01});

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256", PRIVATE_KEY + "=" + file),
                PRIVATE_KEY);
    }

    // --- the key or secret does not fit the algorithm family ---

    @Test
    void startWhenPrivateKeyWithHs256ThenFailsNamingPrivateKey() {
        Path file = PemFiles.writePrivate(dir, "rsa.pem", KeyFiles.rsa(2048));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.hmac-secret=" + SigningAlgorithmsTests.HMAC_SECRET,
                PRIVATE_KEY + "=" + file), PRIVATE_KEY, "HS256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "ES384", "EdDSA"})
    void startWhenHmacSecretWithAsymmetricAlgorithmThenFailsNamingHmacSecret(String algorithm) {
        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm,
                "gateway.auth.hmac-secret=" + SigningAlgorithmsTests.HMAC_SECRET), "gateway.auth.hmac-secret",
                algorithm);
    }

    @ParameterizedTest
    @CsvSource({"HS384, 47", "HS512, 63"})
    void startWhenHmacSecretShorterThanHashThenFailsNamingHmacSecret(String algorithm, int bytes) {
        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm,
                "gateway.auth.hmac-secret=" + "s".repeat(bytes)), "gateway.auth.hmac-secret", algorithm);
    }

    @ParameterizedTest
    @CsvSource({"HS384, 48", "HS512, 64"})
    void startWhenHmacSecretAsLongAsHashThenStarts(String algorithm, int bytes) {
        gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm,
                "gateway.auth.hmac-secret=" + "s".repeat(bytes)).run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "rs256", "ES512", "PS384", "HS1024", "RSA-OAEP"})
    void startWhenAlgorithmUnknownThenFailsNamingAlgorithm(String algorithm) {
        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm),
                "gateway.auth.signing.algorithm");
    }

    @Test
    void startWhenTokenTtlExceedsMaxLifetimeThenFailsNamingBoth() {
        assertStartupFails(gateway.withPropertyValues("gateway.auth.hmac-secret=" + SigningAlgorithmsTests.HMAC_SECRET,
                "gateway.auth.token-ttl=25h"),
                "gateway.auth.token-ttl", "gateway.auth.max-token-lifetime");
    }

    // --- retired public keys ---

    @Test
    void startWhenRetiredKeyHas1024BitsThenFailsNamingRetiredKey() {
        Path retired = PemFiles.writePublic(dir, "old.pem", KeyFiles.rsa(1024));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                RETIRED_KEY + "=" + retired), RETIRED_KEY, "1024-bit");
    }

    @Test
    void startWhenRetiredKeyIsEd448ThenFailsNamingRetiredKey() {
        Path retired = PemFiles.writePublic(dir, "old.pem", KeyFiles.generate("Ed448"));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=EdDSA",
                RETIRED_KEY + "=" + retired), RETIRED_KEY);
    }

    @Test
    void startWhenRetiredKeyOnUnofferedCurveThenFailsNamingRetiredKey() {
        Path retired = PemFiles.writePublic(dir, "old.pem", KeyFiles.ec("secp521r1"));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=ES256",
                RETIRED_KEY + "=" + retired), RETIRED_KEY);
    }

    @Test
    void startWhenRetiredKeyFileMissingThenFailsNamingRetiredKey() {
        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                RETIRED_KEY + "=" + dir.resolve("gone.pem")), RETIRED_KEY, "cannot be read");
    }

    @Test
    void startWhenRetiredKeyFileGarbageThenFailsNamingRetiredKey() throws IOException {
        Path retired = Files.writeString(dir.resolve("garbage.pem"), "garbage", US_ASCII);

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                RETIRED_KEY + "=" + retired), RETIRED_KEY);
    }

    @Test
    void startWhenRetiredKeyFileHoldsPrivateKeyThenFailsNamingRetiredKey() {
        Path retired = PemFiles.writePrivate(dir, "old-private.pem", KeyFiles.rsa(2048));

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                RETIRED_KEY + "=" + retired), RETIRED_KEY, "BEGIN PUBLIC KEY");
    }

    @Test
    void startWhenRetiredKeyIsTheCurrentKeyThenFailsNamingRetiredKey() {
        KeyPair pair = KeyFiles.rsa(2048);
        Path current = PemFiles.writePrivate(dir, "current.pem", pair);
        Path retired = PemFiles.writePublic(dir, "current.pub.pem", pair);

        assertStartupFails(gateway.withPropertyValues("gateway.auth.signing.algorithm=RS256",
                PRIVATE_KEY + "=" + current, RETIRED_KEY + "=" + retired), RETIRED_KEY);
    }

    // --- no key configured ---

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void startWhenNoPrivateKeyThenEphemeralPairSignsVerifiableTokens(String algorithm) {
        gateway.withPropertyValues("gateway.auth.signing.algorithm=" + algorithm).run(context -> {
            assertThat(context).hasNotFailed();
            SigningKeys keys = context.getBean(SigningKeys.class);
            AuthProperties properties = context.getBean(AuthProperties.class);

            String token = IssuerFixture.issue(keys, properties, clock, "alice");

            assertThat(KeyFiles.header(token)).containsEntry("alg", algorithm).containsEntry("kid", keys.keyId());
            StepVerifier.create(VerifierFixture.verifier(keys, properties, clock).verify(token))
                    .expectNextCount(1)
                    .verifyComplete();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256", "ES256", "EdDSA"})
    void signingKeysWhenNoKeyConfiguredThenEachInstanceHasItsOwn(String algorithm) {
        AuthProperties properties = AuthConfig.of("hmac-secret=", "signing.algorithm=" + algorithm);
        SigningKeys first = VerifierFixture.signingKeys(properties);
        SigningKeys second = VerifierFixture.signingKeys(properties);

        String token = IssuerFixture.issue(first, properties, clock, "alice");

        assertThat(second.keyId()).isNotEqualTo(first.keyId());
        StepVerifier.create(VerifierFixture.verifier(second, properties, clock).verify(token))
                .expectErrorSatisfies(ex -> assertThat(((AuthException) ex).error().code()).isEqualTo("invalid_token"))
                .verify();
    }

    private static void assertStartupFails(ApplicationContextRunner runner, String... messageFragments) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = rootCause(context.getStartupFailure());
            assertThat(cause).isInstanceOf(IllegalArgumentException.class);
            assertThat(cause.getMessage()).contains(messageFragments);
        });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    @Import(SigningKeys.class)
    static class OwnKeys {
    }
}
