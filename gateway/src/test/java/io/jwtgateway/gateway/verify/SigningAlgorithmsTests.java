package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.token.IssuerFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * Every signing algorithm the gateway offers issues tokens (through the token package's issuer) that it accepts,
 * that name the algorithm and an RFC 7638 {@code kid}, and that a JWS library holding only the configured key accepts.
 */
class SigningAlgorithmsTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** 70 bytes: long enough for HS512 (RFC 7518 §3.2), so one secret serves every HS* size. */
    static final String HMAC_SECRET = "a-shared-hmac-secret-".repeat(3) + "1234567";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void issueWhenAlgorithmConfiguredThenGatewayVerifiesToken(String algorithm) {
        Configured configured = configure(algorithm);
        SigningKeys keys = VerifierFixture.signingKeys(configured.properties());
        TokenVerifier verifier = VerifierFixture.verifier(keys, configured.properties(), clock);

        String token = IssuerFixture.issue(keys, configured.properties(), clock, "alice", "user");

        StepVerifier.create(verifier.verify(token))
                .assertNext(verified -> {
                    assertThat(verified.subject()).isEqualTo("alice");
                    assertThat(verified.roles()).containsExactly("user");
                })
                .verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void issueWhenAlgorithmConfiguredThenHeaderNamesJwtAlgorithmAndThumbprint(String algorithm) {
        Configured configured = configure(algorithm);
        SigningKeys keys = VerifierFixture.signingKeys(configured.properties());

        String token = IssuerFixture.issue(keys, configured.properties(), clock, "alice");

        assertThat(KeyFiles.header(token))
                .containsOnlyKeys("typ", "alg", "kid")
                .containsEntry("typ", "JWT")
                .containsEntry("alg", algorithm)
                .containsEntry("kid", configured.expectedKeyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void issueWhenAlgorithmConfiguredThenLibraryHoldingOnlyConfiguredKeyVerifiesIt(String algorithm) {
        Configured configured = configure(algorithm);
        SigningKeys keys = VerifierFixture.signingKeys(configured.properties());
        String token = IssuerFixture.issue(keys, configured.properties(), clock, "alice");

        Jws<Claims> jws = independentParser(configured.verificationKey()).build().parseSignedClaims(token);

        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(algorithm);
        assertThat(jws.getPayload().getSubject()).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
    void publicJwksWhenAsymmetricThenCurrentKeyPublishedUnderThumbprint(String algorithm) {
        Configured configured = configure(algorithm);

        SigningKeys keys = VerifierFixture.signingKeys(configured.properties());

        assertThat(keys.publicJwks()).hasSize(1);
        Map<String, Object> jwk = keys.publicJwks().get(0);
        assertThat(jwk)
                .containsEntry("kid", configured.expectedKeyId())
                .containsEntry("alg", algorithm)
                .containsEntry("use", "sig")
                .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void publicJwksWhenHmacThenNothingPublished(String algorithm) {
        Configured configured = configure(algorithm);

        SigningKeys keys = VerifierFixture.signingKeys(configured.properties());

        assertThat(keys.publicJwks()).isEmpty();
    }

    /** Properties for the algorithm with a key from a PEM file (or the secret), and what verifies its tokens. */
    private Configured configure(String algorithm) {
        if (algorithm.startsWith("HS")) {
            AuthProperties properties = AuthConfig.of("signing.algorithm=" + algorithm, "hmac-secret=" + HMAC_SECRET);
            SecretKey secret = new SecretKeySpec(HMAC_SECRET.getBytes(UTF_8), "HmacSHA" + algorithm.substring(2));
            return new Configured(properties, KeyFiles.hmacThumbprint(HMAC_SECRET), secret);
        }
        KeyPair pair = KeyFiles.pairFor(algorithm);
        Path privateKey = PemFiles.writePrivate(dir, algorithm + ".pem", pair);
        AuthProperties properties = AuthConfig.of("hmac-secret=", "signing.algorithm=" + algorithm,
                "signing.private-key=" + privateKey);
        return new Configured(properties, KeyFiles.thumbprint(pair.getPublic()), pair.getPublic());
    }

    private JwtParserBuilder independentParser(Key key) {
        JwtParserBuilder parser = Jwts.parser().json(JwtJson.reader()).clock(() -> Date.from(NOW));
        return key instanceof PublicKey publicKey ? parser.verifyWith(publicKey) : parser.verifyWith((SecretKey) key);
    }

    private record Configured(AuthProperties properties, String expectedKeyId, Key verificationKey) {
    }
}
