package io.jwtgateway.gateway.verify;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SignatureAlgorithm;
import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key pair that signs identity assertions ({@code gateway.auth.assertion.private-key}, or one made for this
 * process), loaded once at startup. Its public key is published beside the token keys, under a {@code kid} of its
 * own, and is never one the gateway verifies tokens with: {@link SigningKeys} holds those, and an assertion shown to
 * the gateway as a token names a {@code kid} it does not know (and a {@code typ} it refuses).
 */
@Component
public class AssertionKey {

    /** The {@code typ} header of every assertion (RFC 8725 §3.11): never taken for an access token. */
    public static final String TYPE = "gateway-assertion+jwt";

    private static final Logger log = LoggerFactory.getLogger(AssertionKey.class);
    private static final String PROPERTY = "gateway.auth.assertion.private-key";

    private final SigningAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final String keyId;
    private final Map<String, Object> publicJwk;

    AssertionKey(AssertionProperties properties, SigningKeys signingKeys) {
        this.algorithm = properties.signingAlgorithm().orElseThrow();  // AssertionProperties refuses any other
        KeyPair pair = properties.privateKey() != null
                ? load(algorithm, properties.privateKey())
                : ephemeral(algorithm);
        PublicJwk<?> jwk = Algorithms.publicJwk(pair.getPublic(), algorithm);
        if (signingKeys.verificationKeys().contains(jwk.getId())) {
            throw InvalidConfigurationException.of(PROPERTY, "is a key tokens are signed or verified with; "
                    + "assertions need a key of their own");
        }
        this.privateKey = pair.getPrivate();
        this.keyId = jwk.getId();
        this.publicJwk = new TreeMap<>(jwk);
    }

    /** Adds {@code typ} and {@code kid} and signs: the one way the assertion key leaves this class. */
    public JwtBuilder signWith(JwtBuilder builder) {
        return builder.header().type(TYPE).keyId(keyId).and()
                .signWith(privateKey, (SignatureAlgorithm) algorithm.jjwtAlgorithm());
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JWK (RFC 7517), for the gateway's JWK set. */
    public Map<String, Object> publicJwk() {
        return publicJwk;
    }

    /**
     * Every problem with the configured key file, named by its property: unreadable, not a PKCS#8 key, not a key for
     * the algorithm, or the key that signs tokens. Reads the file and keeps nothing, for the startup check.
     */
    public static List<ConfigurationProblem> problems(AssertionProperties assertion, AuthProperties.Signing signing) {
        ConfigurationProblems problems = new ConfigurationProblems();
        SigningAlgorithm algorithm = assertion.signingAlgorithm().orElse(null);
        Path path = assertion.privateKey();
        if (algorithm == null || path == null) {
            return problems.list();
        }
        problems.collect(() -> {
            load(algorithm, path);
            if (path.equals(signing.privateKey())) {
                throw InvalidConfigurationException.of(PROPERTY, "must not be gateway.auth.signing.private-key: "
                        + "assertions need a key of their own");
            }
        });
        return problems.list();
    }

    private static KeyPair load(SigningAlgorithm algorithm, Path path) {
        PrivateKey key = PemKeys.privateKey(path, PROPERTY);
        String misfit = Algorithms.misfit(algorithm, key);
        if (misfit != null) {
            throw InvalidConfigurationException.of(PROPERTY, path + " " + misfit
                    + " (gateway.auth.assertion.algorithm is " + algorithm + ")");
        }
        PublicKey publicKey = ((PrivateJwk<?, ?, ?>) Jwks.builder().key(key).build()).toPublicJwk().toKey();
        return new KeyPair(publicKey, key);
    }

    private static KeyPair ephemeral(SigningAlgorithm algorithm) {
        log.warn("gateway.auth.assertion.private-key is not set: signing {} identity assertions with a key pair made "
                + "for this process. Backends verify them only while it runs, and replicas each publish their own; "
                + "set gateway.auth.assertion.private-key to a PKCS#8 PEM file shared by every replica.", algorithm);
        return Algorithms.generate(algorithm);
    }

    @Override
    public String toString() {
        return "AssertionKey[alg=" + algorithm + ", kid=" + keyId + "]";
    }
}
