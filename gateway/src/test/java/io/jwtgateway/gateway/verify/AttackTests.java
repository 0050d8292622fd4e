package io.jwtgateway.gateway.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attacks RFC 8725 describes, against a gateway signing with RS256 (ES256 where the attack needs it). Each is
 * refused as a 401 {@code invalid_token}. A token that breaks a header rule is otherwise perfect: signed with the
 * gateway's own key, so the header rule alone is what refuses it.
 */
class AttackTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Where an attacker publishes keys; the gateway must never call it. */
    static final WireMockServer attackerSite = new WireMockServer(wireMockConfig().dynamicPort());

    /** RSA keys take a while to make: one for the gateway and one for the attacker serve every test. */
    static final KeyPair gatewayKey = KeyFiles.rsa(2048);
    static final KeyPair attackerKey = KeyFiles.rsa(2048);

    /** An attacker's certificate and key, for {@code x5c} and {@code x5u}. */
    static X509Certificate attackerCertificate;
    static PrivateKey attackerCertificateKey;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final TestTokens tokens = new TestTokens(NOW);

    @TempDir
    Path dir;

    Path publicKeyFile;
    String keyId;
    AuthProperties properties;
    TokenVerifier verifier;

    @BeforeAll
    static void attacker(@TempDir Path keystoreDir) throws Exception {
        attackerSite.start();
        Path keystore = keystoreDir.resolve("attacker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "attacker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=attacker",
                "-validity", "365", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        attackerCertificate = (X509Certificate) store.getCertificate("attacker");
        attackerCertificateKey = (PrivateKey) store.getKey("attacker", "changeit".toCharArray());
    }

    @AfterAll
    static void stopAttacker() {
        attackerSite.stop();
    }

    @BeforeEach
    void rs256Gateway() {
        publicKeyFile = PemFiles.writePublic(dir, "gateway.pub.pem", gatewayKey);
        properties = AuthConfig.of("hmac-secret=", "signing.algorithm=RS256",
                "signing.private-key=" + PemFiles.writePrivate(dir, "gateway.pem", gatewayKey));
        keyId = KeyFiles.thumbprint(gatewayKey.getPublic());
        verifier = VerifierFixture.verifier(properties, clock);
        attackerSite.resetAll();
    }

    /** A token the gateway accepts: the starting point every attack changes in one way. */
    TestTokens.Builder genuine() {
        return tokens.valid().algorithm("RS256").header("kid", keyId).signedWith(gatewayKey.getPrivate());
    }

    @Test
    void verifyWhenGenuineTokenThenAccepted() {
        Mono<VerifiedToken> result = verifier.verify(genuine().sign());

        assertThat(result.block()).extracting(VerifiedToken::subject).isEqualTo("alice");
    }

    // --- alg: none (RFC 8725 §2.1) ---

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verifyWhenAlgNoneWithoutSignatureThenInvalidToken(String none) {
        String unsecured = genuine().algorithm(none).sign();
        assertThat(unsecured).endsWith(".");

        assertInvalidToken(verifier.verify(unsecured));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verifyWhenAlgNoneCarriesGenuineSignatureThenInvalidToken(String none) {
        String[] real = genuine().sign().split("\\.");
        String noneHeader = genuine().algorithm(none).sign().split("\\.")[0];

        assertInvalidToken(verifier.verify(noneHeader + "." + real[1] + "." + real[2]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verifyWhenAlgNoneWithoutKidAndSignedAnywayThenInvalidToken(String none) {
        String token = tokens.valid().algorithm(none).sign();
        String withSignature = token + BASE64URL.encodeToString(new byte[32]);

        assertInvalidToken(verifier.verify(withSignature));
    }

    // --- key confusion: HS256 keyed with the RSA public key (RFC 8725 §2.1) ---

    @Test
    void verifyWhenHs256KeyedWithPublicKeyPemFileThenInvalidToken() throws IOException {
        String pem = Files.readString(publicKeyFile, US_ASCII);
        String token = tokens.valid().algorithm("HS256").header("kid", keyId).signedWith(pem).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenHs256KeyedWithPublicKeyPemWithoutKidThenInvalidToken() throws IOException {
        String pem = Files.readString(publicKeyFile, US_ASCII);
        String token = tokens.valid().algorithm("HS256").signedWith(pem).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenHs256KeyedWithPublicKeyDerThenInvalidToken() {
        byte[] der = gatewayKey.getPublic().getEncoded();
        Map<String, Object> header = Map.of("alg", "HS256", "typ", "JWT", "kid", keyId);

        String token = hmacSigned(header, claims(), der);

        assertInvalidToken(verifier.verify(token));
    }

    // --- a key of the gateway under another algorithm (RFC 8725 §3.1) ---

    @Test
    void verifyWhenRs256KeyIdWithPs256SignatureByThatKeyThenInvalidToken() {
        String token = genuine().algorithm("PS256").sign();             // a valid RSASSA-PSS signature, same key

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenRs256KeyIdWithRs512SignatureByThatKeyThenInvalidToken() {
        String token = genuine().algorithm("RS512").sign();

        assertInvalidToken(verifier.verify(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../dev/null", "' OR '1'='1", "kid-that-no-key-of-ours-has"})
    void verifyWhenKidNamesNoKeyOfOursThenInvalidToken(String kid) {
        String token = genuine().header("kid", kid).sign();

        assertInvalidToken(verifier.verify(token));
    }

    // --- psychic signatures, CVE-2022-21449 ---

    @Test
    void verifyWhenEs256SignatureIsAllZeroThenInvalidToken() {
        Es256Gateway es256 = es256Gateway();
        String signed = es256.genuine().sign();
        String zeroSignature =
                signed.substring(0, signed.lastIndexOf('.') + 1) + BASE64URL.encodeToString(new byte[64]);

        assertInvalidToken(es256.verifier().verify(zeroSignature));
    }

    @Test
    void verifyWhenEs256SignatureRAndSAreCurveOrderThenInvalidToken() {
        Es256Gateway es256 = es256Gateway();
        byte[] order = unsigned(((ECPublicKey) es256.pair().getPublic()).getParams().getOrder(), 32);
        byte[] signature = new byte[64];
        System.arraycopy(order, 0, signature, 0, 32);
        System.arraycopy(order, 0, signature, 32, 32);
        String signed = es256.genuine().sign();
        String forged = signed.substring(0, signed.lastIndexOf('.') + 1) + BASE64URL.encodeToString(signature);

        assertInvalidToken(es256.verifier().verify(forged));
    }

    @Test
    void verifyWhenEs256GenuineThenAccepted() {
        Es256Gateway es256 = es256Gateway();

        Mono<VerifiedToken> result = es256.verifier().verify(es256.genuine().sign());

        assertThat(result.block()).isNotNull();
    }

    // --- keys the token brings along (RFC 7515 §4.1.2 to §4.1.6; RFC 8725 §3.10) ---

    @Test
    void verifyWhenJkuPointsAtAttackerJwksThenInvalidTokenAndNothingFetched() {
        Map<String, Object> jwk = publicJwk(attackerKey);
        attackerSite
                .stubFor(get("/jwks.json").willReturn(okJson(JSON.writeValueAsString(Map.of("keys", List.of(jwk))))));
        String token = tokens.valid().algorithm("RS256").header("jku", attackerSite.url("/jwks.json"))
                .header("kid", jwk.get("kid")).signedWith(attackerKey.getPrivate()).sign();

        assertInvalidToken(verifier.verify(token));

        attackerSite.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenJkuAndOurKidWithAttackerSignatureThenInvalidTokenAndNothingFetched() {
        attackerSite.stubFor(get("/jwks.json").willReturn(okJson("{\"keys\":[]}")));
        String token = tokens.valid().algorithm("RS256").header("jku", attackerSite.url("/jwks.json"))
                .header("kid", keyId).signedWith(attackerKey.getPrivate()).sign();

        assertInvalidToken(verifier.verify(token));

        attackerSite.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenJwkHeaderHoldsAttackerKeyThenInvalidToken() {
        Map<String, Object> jwk = publicJwk(attackerKey);
        String token = tokens.valid().algorithm("RS256").header("jwk", jwk).header("kid", jwk.get("kid"))
                .signedWith(attackerKey.getPrivate()).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenJwkHeaderHoldsAttackerKeyWithoutKidThenInvalidToken() {
        String token = tokens.valid().algorithm("RS256").header("jwk", publicJwk(attackerKey))
                .signedWith(attackerKey.getPrivate()).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenX5uPointsAtAttackerCertificateThenInvalidTokenAndNothingFetched() throws Exception {
        attackerSite.stubFor(get("/cert.pem").willReturn(ok(pem(attackerCertificate.getEncoded()))));
        String token = tokens.valid().algorithm("RS256").header("x5u", attackerSite.url("/cert.pem"))
                .signedWith(attackerCertificateKey).sign();

        assertInvalidToken(verifier.verify(token));

        attackerSite.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void verifyWhenX5cHoldsAttackerCertificateThenInvalidToken() throws Exception {
        String certificate = Base64.getEncoder().encodeToString(attackerCertificate.getEncoded());
        String token = tokens.valid().algorithm("RS256").header("x5c", List.of(certificate))
                .signedWith(attackerCertificateKey).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenX5cHoldsAttackerCertificateWithOurKidThenInvalidToken() throws Exception {
        String certificate = Base64.getEncoder().encodeToString(attackerCertificate.getEncoded());
        String token = tokens.valid().algorithm("RS256").header("kid", keyId).header("x5c", List.of(certificate))
                .signedWith(attackerCertificateKey).sign();

        assertInvalidToken(verifier.verify(token));
    }

    // --- header extensions the gateway does not implement (RFC 7515 §4.1.11, RFC 7797, RFC 7516 §4.1.3) ---

    @Test
    void verifyWhenCritNamesRegisteredClaimThenInvalidToken() {
        String token = genuine().header("crit", List.of("exp")).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenUnencodedPayloadDeclaredThenInvalidToken() {
        String token = genuine().header("crit", List.of("b64")).header("b64", false).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenUnencodedPayloadSentRawThenInvalidToken() {
        Map<String, Object> header = header("b64", false, "crit", List.of("b64"));
        String encodedHeader = BASE64URL.encodeToString(JSON.writeValueAsBytes(header));
        String payload = JSON.writeValueAsString(claims());
        String signature = BASE64URL.encodeToString(rs256(encodedHeader + "." + payload, gatewayKey.getPrivate()));

        assertInvalidToken(verifier.verify(encodedHeader + "." + payload + "." + signature));
    }

    @Test
    void verifyWhenB64FalseWithoutCritThenInvalidToken() {
        String token = genuine().header("b64", false).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenPayloadDeflatedThenInvalidToken() {
        Map<String, Object> header = header("zip", "DEF");
        byte[] deflated = deflate(JSON.writeValueAsBytes(claims()));

        String token = rsaSigned(header, deflated);

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenJweShapedFivePartTokenThenInvalidToken() {
        Map<String, Object> header = Map.of("alg", "RSA-OAEP-256", "enc", "A256GCM", "kid", keyId, "typ", "JWT");
        String jwe = String.join(".", BASE64URL.encodeToString(JSON.writeValueAsBytes(header)),
                BASE64URL.encodeToString(new byte[256]), BASE64URL.encodeToString(new byte[12]),
                BASE64URL.encodeToString(JSON.writeValueAsBytes(claims())), BASE64URL.encodeToString(new byte[16]));

        assertInvalidToken(verifier.verify(jwe));
    }

    // --- size ---

    @Test
    void verifyWhenTokenOverDefaultMaxBytesThenTooLarge() {
        String token = genuine().claim("pad", "x".repeat(8 * 1024)).sign();

        AuthError error = rejectionOf(verifier.verify(token));

        assertThat(error.description()).isEqualTo("The token is too large");
    }

    @Test
    void verifyWhenTokenUnderDefaultMaxBytesThenAccepted() {
        String token = genuine().claim("pad", "x".repeat(5 * 1024)).sign();
        assertThat(token.length()).isLessThan(8 * 1024);

        assertThat(verifier.verify(token).block()).isNotNull();
    }

    @Test
    void verifyWhenTokenOverConfiguredMaxBytesThenTooLarge() {
        TokenVerifier strict = VerifierFixture.verifier(with("max-token-bytes=1KB"), clock);
        String token = genuine().claim("pad", "x".repeat(400)).sign();
        assertThat(token.length()).isBetween(1025, 8 * 1024);

        AuthError error = rejectionOf(strict.verify(token));

        assertThat(error.description()).isEqualTo("The token is too large");
    }

    @Test
    void verifyWhenTokenWithinConfiguredMaxBytesThenAccepted() {
        TokenVerifier strict = VerifierFixture.verifier(with("max-token-bytes=1KB"), clock);
        String token = genuine().sign();
        assertThat(token.length()).isLessThanOrEqualTo(1024);

        assertThat(strict.verify(token).block()).isNotNull();
    }

    // --- lifetime (RFC 8725 §3.10 leaves the limit to us: gateway.auth.max-token-lifetime, 24h) ---

    @Test
    void verifyWhenLifetimeIs25HoursThenInvalidToken() {
        String token = genuine().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(25))).sign();

        AuthError error = rejectionOf(verifier.verify(token));

        assertInvalidNotExpired(error);
    }

    @Test
    void verifyWhenNoIssuedAtAndExpiry25HoursAwayThenInvalidToken() {
        String token = genuine().without("iat").expiresAt(NOW.plus(Duration.ofHours(25))).sign();

        assertInvalidNotExpired(rejectionOf(verifier.verify(token)));
    }

    @Test
    void verifyWhenIssuedLongAgoWith25HourLifetimeThenInvalidToken() {
        String token = genuine().issuedAt(NOW.minus(Duration.ofHours(24))).expiresAt(NOW.plus(Duration.ofHours(1)))
                .sign();

        assertInvalidNotExpired(rejectionOf(verifier.verify(token)));
    }

    @Test
    void verifyWhenLifetimeIsExactly24HoursThenAccepted() {
        String token = genuine().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(24))).sign();

        assertThat(verifier.verify(token).block()).isNotNull();
    }

    @Test
    void verifyWhenLifetimeOverConfiguredMaximumThenInvalidToken() {
        TokenVerifier strict = VerifierFixture.verifier(with("max-token-lifetime=1h", "token-ttl=5m"), clock);
        String token = genuine().issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(61))).sign();

        assertInvalidNotExpired(rejectionOf(strict.verify(token)));
    }

    // --- typ of the gateway's own tokens (RFC 8725 §3.11) ---

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "application/at+jwt", "JOSE", "JWS", "secevent+jwt", ""})
    void verifyWhenTypeIsNotJwtThenInvalidToken(String type) {
        String token = genuine().header("typ", type).sign();

        assertInvalidToken(verifier.verify(token));
    }

    @Test
    void verifyWhenTypeMissingThenInvalidToken() {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "kid", keyId));

        String token = rsaSigned(header, JSON.writeValueAsBytes(claims()));

        assertInvalidToken(verifier.verify(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwt", "application/jwt", "Application/JWT"})
    void verifyWhenTypeIsJwtSpelledOtherwiseThenAccepted(String type) {
        String token = genuine().header("typ", type).sign();                 // RFC 7515 §4.1.9

        assertThat(verifier.verify(token).block()).isNotNull();
    }

    @Nested
    class Hs256Gateway {

        final TokenVerifier hs256 = VerifierFixture.verifier(AuthConfig.of(), clock);

        @Test
        void verifyWhenRs256SignedByAttackerWithoutKidThenInvalidToken() {
            String token = tokens.valid().algorithm("RS256").signedWith(attackerKey.getPrivate()).sign();

            assertInvalidToken(hs256.verify(token));
        }

        @Test
        void verifyWhenJwkHeaderHoldsAttackerKeyThenInvalidToken() {
            String token = tokens.valid().algorithm("RS256").header("jwk", publicJwk(attackerKey))
                    .signedWith(attackerKey.getPrivate()).sign();

            assertInvalidToken(hs256.verify(token));
        }

        @Test
        void verifyWhenCritWithValidMacThenInvalidToken() {
            String token = tokens.valid().header("crit", List.of("exp")).sign();

            assertInvalidToken(hs256.verify(token));
        }
    }

    // --- helpers ---

    private AuthProperties with(String... entries) {
        String[] all = Arrays.copyOf(new String[] {"hmac-secret=", "signing.algorithm=RS256",
                "signing.private-key=" + dir.resolve("gateway.pem")}, 3 + entries.length);
        System.arraycopy(entries, 0, all, 3, entries.length);
        return AuthConfig.of(all);
    }

    private Es256Gateway es256Gateway() {
        KeyPair pair = KeyFiles.ec("secp256r1");
        AuthProperties es256 = AuthConfig.of("hmac-secret=", "signing.algorithm=ES256",
                "signing.private-key=" + PemFiles.writePrivate(dir, "es256.pem", pair));
        return new Es256Gateway(pair, VerifierFixture.verifier(es256, clock), KeyFiles.thumbprint(pair.getPublic()));
    }

    private record Es256Gateway(KeyPair pair, TokenVerifier verifier, String keyId) {
        TestTokens.Builder genuine() {
            return new TestTokens(NOW).valid().algorithm("ES256").header("kid", keyId).signedWith(pair.getPrivate());
        }
    }

    /** The genuine token's claims. */
    private Map<String, Object> claims() {
        String payload = genuine().sign().split("\\.")[1];
        return JSON.readValue(Base64.getUrlDecoder().decode(payload), LinkedHashMap.class);
    }

    /** The genuine header with extra members appended. */
    private Map<String, Object> header(Object... members) {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId));
        for (int i = 0; i < members.length; i += 2) {
            header.put((String) members[i], members[i + 1]);
        }
        return header;
    }

    /** RS256 with the gateway's key over a payload given as bytes, which may be anything. */
    private String rsaSigned(Map<String, Object> header, byte[] payload) {
        String input =
                BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "." + BASE64URL.encodeToString(payload);
        return input + "." + BASE64URL.encodeToString(rs256(input, gatewayKey.getPrivate()));
    }

    private static String hmacSigned(Map<String, Object> header, Map<String, Object> claims, byte[] key) {
        String input = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rs256(String input, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] deflate(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION,
                true))) {                               // RFC 7516 §4.1.3: raw DEFLATE (RFC 1951), no zlib wrapper
            deflater.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, Object> publicJwk(KeyPair pair) {
        return new TreeMap<>(Jwks.builder().key(pair.getPublic()).idFromThumbprint().build());
    }

    private static String pem(byte[] certificate) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    static AuthError rejectionOf(Mono<VerifiedToken> result) {
        return KeyRotationTests.rejectionOf(result);
    }

    static void assertInvalidToken(Mono<VerifiedToken> result) {
        AuthError error = rejectionOf(result);
        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
    }

    static void assertInvalidNotExpired(AuthError error) {
        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
        assertThat(error.description()).isNotEqualTo(AuthError.expiredToken().description());
    }
}
