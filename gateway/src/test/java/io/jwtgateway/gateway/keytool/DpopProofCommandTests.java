package io.jwtgateway.gateway.keytool;

import static io.jwtgateway.gateway.keytool.KeysCommandTests.run;
import static io.jwtgateway.gateway.keytool.KeysCommandTests.words;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.jwtgateway.gateway.keytool.KeysCommandTests.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code keys dpop-proof} and {@code keys dpop-thumbprint} on keys made by {@code keys generate}: every proof is read
 * back by Nimbus, a DPoP implementation nobody here wrote.
 */
class DpopProofCommandTests {

    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl";
    static final String URL = "https://api.example/api/v3/secret";
    /** DER up to an Ed25519 key's 32 bytes: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
    static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ES256, '', ES256", "EdDSA, '', EdDSA", "RS256, '', PS256", "RS256, --algorithm RS256, RS256"})
    void dpopProofWhenKeyFromGenerateThenProofVerifiesWithItsPublicHeaderJwk(String generated, String options,
            String algorithm) throws Exception {
        Path key = generate(generated);
        long before = Instant.now().getEpochSecond();

        Run run = proof(key, "--method GET --url " + URL + "?page=2#top " + options);

        assertThat(run.exit()).isZero();
        SignedJWT proof = SignedJWT.parse(run.out().strip());
        JWK jwk = proof.getHeader().getJWK();
        assertThat(proof.getHeader().getType()).isEqualTo(new JOSEObjectType("dpop+jwt"));
        assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(algorithm));
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(verifies(proof, jwk)).isTrue();
        JWTClaimsSet claims = proof.getJWTClaimsSet();
        assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
        assertThat(claims.getStringClaim("htu")).isEqualTo(URL);
        assertThat(claims.getIssueTime().toInstant().getEpochSecond())
                .isBetween(before, Instant.now().getEpochSecond());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaims()).doesNotContainKeys("ath", "nonce");
    }

    @Test
    void dpopProofWhenCountThreeThenThreeProofsWithDistinctJti() throws Exception {
        Path key = generate("ES256");

        Run run = proof(key, "--method POST --url " + URL + " --count 3");

        List<String> jtis = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            jtis.add(SignedJWT.parse(line).getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void dpopProofWhenTokenAndNonceGivenThenAthIsTokenSha256AndNonceIsCarried() throws Exception {
        Path key = generate("EdDSA");

        Run run = proof(key, "--method get --url " + URL + " --token " + TOKEN + " --nonce eyJ7S_zG.9Wq");

        JWTClaimsSet claims = SignedJWT.parse(run.out().strip()).getJWTClaimsSet();
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(US_ASCII));
        assertThat(claims.getStringClaim("ath")).isEqualTo(Base64URL.encode(sha256).toString());
        assertThat(claims.getStringClaim("nonce")).isEqualTo("eyJ7S_zG.9Wq");
        assertThat(claims.getStringClaim("htm")).isEqualTo("GET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "EdDSA"})
    void dpopThumbprintWhenKeyGivenThenEqualsNimbusThumbprintOfProofJwk(String algorithm) throws Exception {
        Path key = generate(algorithm);
        JWK jwk = SignedJWT.parse(proof(key, "--method GET --url " + URL).out().strip()).getHeader().getJWK();

        Run run = run("", "keys", "dpop-thumbprint", "--key", key.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo(jwk.computeThumbprint().toString());
    }

    @Test
    void dpopProofWhenTokenBoundToThumbprintThenNimbusResourceServerAcceptsIt() throws Exception {
        Path key = generate("ES256");
        String thumbprint = run("", "keys", "dpop-thumbprint", "--key", key.toString()).out().strip();
        var resourceServer = new DPoPProtectedResourceRequestVerifier(Set.of(JWSAlgorithm.ES256), 10, null);

        Run run = proof(key, "--method GET --url " + URL + "?page=2 --token " + TOKEN + " --nonce n-1");

        resourceServer.verify("GET", URI.create(URL + "?page=2"), new DPoPIssuer("bench"),
                SignedJWT.parse(run.out().strip()), new DPoPAccessToken(TOKEN),
                new JWKThumbprintConfirmation(new Base64URL(thumbprint)), new Nonce("n-1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--method GET --url " + URL + "|--key",
            "--key KEY --url " + URL + "|--method",
            "--key KEY --method GET|--url",
            "--key KEY --method GET --url /api/v3/secret|--url",
            "--key KEY --method GET --url ftp://api.example/x|--url",
            "--key KEY --method G(ET --url " + URL + "|--method",
            "--key KEY --method GET --url " + URL + " --count 0|--count",
            "--key KEY --method GET --url " + URL + " --count many|--count",
            "--key KEY --method GET --url " + URL + " --token a,b|--token",
            "--key KEY --method GET --url " + URL + " --nonce a\"b|--nonce",
            "--key KEY --method GET --url " + URL + " --algorithm HS256|--algorithm",
            "--key KEY --method GET --url " + URL + " --algorithm RS256|--key",
            "--key missing.pem --method GET --url " + URL + "|--key",
            "--key KEY --method GET --url " + URL + " extra|extra"})
    void dpopProofWhenCommandLineIsWrongThenMisuseNamingTheOption(String options, String named) throws Exception {
        Path key = generate("ES256");

        Run run = run("", words("keys dpop-proof " + options.replace("KEY", key.toString())));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("keys: ").contains(named).endsWith(KeysCommand.USAGE);
    }

    @Test
    void dpopThumbprintWhenNoKeyThenMisuse() {
        Run run = run("", "keys", "dpop-thumbprint");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("keys: --key is required");
    }

    /** {@code keys generate ALG --out DIR}: the private key's path. */
    Path generate(String algorithm) {
        Path out = dir.resolve(algorithm);
        assertThat(run("", "keys", "generate", algorithm, "--out", out.toString()).exit()).isZero();
        return out.resolve(KeyFiles.PRIVATE_KEY);
    }

    Run proof(Path key, String options) {
        return run("", words("keys dpop-proof --key " + key + " " + options));
    }

    /**
     * Verifies with the JWK: Nimbus for EC and RSA; for Ed25519 Nimbus needs Google Tink, which is not on the class
     * path, so the JDK verifies with the JWK's {@code x} (RFC 8037 §2) in an X.509 SubjectPublicKeyInfo.
     */
    static boolean verifies(SignedJWT proof, JWK jwk) throws Exception {
        if (KeyType.EC.equals(jwk.getKeyType())) {
            return proof.verify(new ECDSAVerifier(jwk.toECKey()));
        }
        if (KeyType.RSA.equals(jwk.getKeyType())) {
            return proof.verify(new RSASSAVerifier(jwk.toRSAKey()));
        }
        byte[] x = jwk.toOctetKeyPair().getX().decode();
        byte[] spki = ByteBuffer.allocate(ED25519_SPKI_PREFIX.length + x.length).put(ED25519_SPKI_PREFIX).put(x)
                .array();
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        ed25519.update(proof.getSigningInput());
        return ed25519.verify(proof.getSignature().decode());
    }
}
