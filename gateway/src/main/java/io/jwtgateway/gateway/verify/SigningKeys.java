package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.Signing;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway's own keys, loaded once at startup: the one that signs ({@code gateway.auth.hmac-secret} for HS*,
 * {@code gateway.auth.signing.private-key} otherwise, or a random one for this process), and every public key that
 * still verifies, current and retired. Each {@code kid} is an RFC 7638 thumbprint: of the public key, or for HMAC of
 * an {@code oct} JWK holding the secret's SHA-256, never of the secret itself.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningAlgorithm algorithm;
    private final Key signingKey;
    private final String keyId;
    private final KeySet verificationKeys;
    private final List<Map<String, Object>> publicJwks;

    SigningKeys(AuthProperties properties) {
        Signing signing = properties.signing();
        this.algorithm = signing.offeredAlgorithm().orElseThrow();     // AuthProperties refuses any other
        List<VerificationKey> verifying = new ArrayList<>();
        List<Map<String, Object>> published = new ArrayList<>();
        if (algorithm.isSymmetric()) {
            byte[] secret = properties.hmacSecret() != null
                    ? properties.hmacSecret().getBytes(UTF_8)
                    : randomSecret(algorithm.hmacSecretBytes());
            this.signingKey = algorithm.hmacKey(secret);
            this.keyId = hmacKeyId(secret);
            verifying.add(new VerificationKey(keyId, algorithm, signingKey));
        } else {
            KeyPair pair = signing.privateKey() != null
                    ? loadPair(algorithm, signing.privateKey())
                    : ephemeralPair(algorithm);
            this.signingKey = pair.getPrivate();
            PublicJwk<?> jwk = Algorithms.publicJwk(pair.getPublic(), algorithm);
            this.keyId = jwk.getId();
            verifying.add(new VerificationKey(keyId, algorithm, pair.getPublic()));
            published.add(new TreeMap<>(jwk));
        }
        for (int i = 0; i < signing.previousPublicKeys().size(); i++) {
            VerificationKey retired = retired(signing, algorithm, i);
            requireNew(retired.keyId(), i, verifying.stream().map(VerificationKey::keyId).toList());
            verifying.add(retired);
            published.add(new TreeMap<>(Algorithms.publicJwk((PublicKey) retired.key(), retired.algorithm())));
        }
        this.verificationKeys = new KeySet(verifying);
        this.publicJwks = List.copyOf(published);
    }

    /** The JWS name tokens are signed with. */
    public String algorithm() {
        return algorithm.jwsName();
    }

    public String keyId() {
        return keyId;
    }

    /** Adds the {@code kid} header and signs: the one way the gateway's key leaves this class. */
    @SuppressWarnings("unchecked")
    public JwtBuilder signWith(JwtBuilder builder) {
        var jjwtAlgorithm = (SecureDigestAlgorithm<Key, ?>) algorithm.jjwtAlgorithm();
        return builder.header().keyId(keyId).and().signWith(signingKey, jjwtAlgorithm);
    }

    /** The public keys as JWKs (RFC 7517), current first; empty for HMAC, whose key is never published. */
    public List<Map<String, Object>> publicJwks() {
        return publicJwks;
    }

    KeySet verificationKeys() {
        return verificationKeys;
    }

    /**
     * Every problem with the configured key files, each named by its property: unreadable, not PEM, not a key, a key
     * that does not fit its algorithm, a retired key listed twice. Reads the files and makes no key, so the startup
     * check can report these next to every other configuration problem. Problems of the properties themselves, like
     * an unknown algorithm, are {@link AuthProperties}'s to report.
     */
    public static List<ConfigurationProblem> problems(Signing signing) {
        ConfigurationProblems problems = new ConfigurationProblems();
        SigningAlgorithm algorithm = signing.offeredAlgorithm().orElse(null);
        if (algorithm == null) {
            return problems.list();
        }
        Set<String> keyIds = new HashSet<>();
        Path privateKey = signing.privateKey();
        if (privateKey != null && !algorithm.isSymmetric()) {
            problems.collect(() -> keyIds.add(Algorithms.publicJwk(
                    loadPair(algorithm, privateKey).getPublic(), algorithm).getId()));
        }
        for (int i = 0; i < signing.previousPublicKeys().size(); i++) {
            int index = i;
            problems.collect(() -> {
                String keyId = retired(signing, algorithm, index).keyId();
                requireNew(keyId, index, keyIds);
                keyIds.add(keyId);
            });
        }
        return problems.list();
    }

    private static KeyPair loadPair(SigningAlgorithm algorithm, Path path) {
        String property = "gateway.auth.signing.private-key";
        PrivateKey privateKey = PemKeys.privateKey(path, property);
        String misfit = Algorithms.misfit(algorithm, privateKey);
        if (misfit != null) {
            throw InvalidConfigurationException.of(property, path + " " + misfit
                    + " (gateway.auth.signing.algorithm is " + algorithm + ")");
        }
        PublicKey publicKey = ((PrivateJwk<?, ?, ?>) Jwks.builder().key(privateKey).build()).toPublicJwk().toKey();
        return new KeyPair(publicKey, privateKey);
    }

    private static VerificationKey retired(Signing signing, SigningAlgorithm current, int index) {
        Path path = signing.previousPublicKeys().get(index);
        String property = retiredProperty(index);
        PublicKey key = PemKeys.publicKey(path, property);
        @Nullable String previousAlgorithm = signing.previousAlgorithm();
        String named = previousAlgorithm != null
                ? " (gateway.auth.signing.previous-algorithm is " + previousAlgorithm + ")"
                : "";
        SigningAlgorithm retiredAlgorithm = previousAlgorithm != null
                ? SigningAlgorithm.of(previousAlgorithm).orElseThrow(() -> InvalidConfigurationException.of(property,
                        path + " cannot be used with " + previousAlgorithm + named))
                : Algorithms.forPublicKey(key, current).orElseThrow(() -> InvalidConfigurationException.of(property,
                        path + " is not a key for " + SigningAlgorithm.names(Algorithms.IMPLIED, "or")));
        String misfit = Algorithms.misfit(retiredAlgorithm, key);
        if (misfit != null) {
            throw InvalidConfigurationException.of(property, path + " " + misfit + named);
        }
        return new VerificationKey(Algorithms.publicJwk(key, retiredAlgorithm).getId(), retiredAlgorithm, key);
    }

    private static void requireNew(String keyId, int index, Collection<String> known) {
        if (known.contains(keyId)) {
            throw InvalidConfigurationException.of(retiredProperty(index), "is the current key or listed twice");
        }
    }

    private static String retiredProperty(int index) {
        return "gateway.auth.signing.previous-public-keys[" + index + "]";
    }

    private static KeyPair ephemeralPair(SigningAlgorithm algorithm) {
        log.warn("gateway.auth.signing.private-key is not set: signing {} tokens with a key pair made for this "
                + "process. Tokens will not survive a restart nor work across replicas; set "
                + "gateway.auth.signing.private-key to a PKCS#8 PEM file to keep one.", algorithm);
        return Algorithms.generate(algorithm);
    }

    private static byte[] randomSecret(int bytes) {
        log.warn("gateway.auth.hmac-secret is not set: signing with a random key for this process. Tokens will not "
                + "survive a restart nor work across replicas; set gateway.auth.hmac-secret (32+ bytes) to share one.");
        byte[] secret = new byte[Math.max(bytes, AuthProperties.MIN_HMAC_SECRET_BYTES)];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static String hmacKeyId(byte[] secret) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"k\":\"%s\",\"kty\":\"oct\"}".formatted(base64url.encodeToString(Sha256.digest(secret)));
        return base64url.encodeToString(Sha256.digest(jwk.getBytes(UTF_8)));
    }

    @Override
    public String toString() {
        return "SigningKeys[alg=" + algorithm + ", kid=" + keyId + ", verifying=" + verificationKeys.size() + "]";
    }
}
