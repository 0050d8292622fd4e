package io.jwtgateway.gateway.verify;

import java.security.Key;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.NamedParameterSpec;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jsonwebtoken.security.SignatureAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * The signature algorithms the gateway knows (RFC 7518 §3.1 names) and which key fits which. A key is bound to one
 * algorithm when it is loaded (RFC 8725 §3.1): the token's {@code alg} header only has to agree with it.
 * Public for the {@code keys} command, which must make keys and key ids exactly as the gateway does.
 */
public final class Algorithms {

    /** RFC 7518 §3.3: RSA keys of 2048 bits or more. */
    static final int MIN_RSA_BITS = 2048;

    /** EC curve order bit length per ECDSA algorithm (RFC 7518 §3.4). */
    private static final Map<String, Integer> EC_CURVE_BITS = Map.of("ES256", 256, "ES384", 384, "ES512", 521);

    private Algorithms() {
    }

    /** JJWT's implementation of a JWA name, or null when we do not accept it (never {@code none}). */
    static @Nullable SecureDigestAlgorithm<?, ?> named(String name) {
        if ("none".equalsIgnoreCase(name)) {
            return null;
        }
        return Jwts.SIG.get().get(name);
    }

    /** Why the key cannot verify (or sign) with the algorithm, or null when it fits. */
    static @Nullable String misfit(String algorithm, Key key) {
        String family = algorithm.substring(0, 2);
        return switch (family) {
            case "RS", "PS" -> key instanceof RSAKey rsa
                    ? (rsa.getModulus().bitLength() < MIN_RSA_BITS
                            ? "is a " + rsa.getModulus().bitLength() + "-bit RSA key; " + algorithm + " needs at least "
                                    + MIN_RSA_BITS + " bits"
                            : null)
                    : "is not an RSA key, which " + algorithm + " needs";
            case "ES" -> key instanceof ECKey ec && ec.getParams().getOrder().bitLength() == EC_CURVE_BITS.get(algorithm)
                    ? null
                    : "is not an EC key on the curve " + algorithm + " needs (P-"
                            + EC_CURVE_BITS.get(algorithm) + ")";
            case "Ed" -> isEd25519(key) ? null : "is not an Ed25519 key, which EdDSA needs here";
            default -> "cannot be used with " + algorithm;
        };
    }

    /** The algorithm a retired public key verifies: the current one when the key fits it, else the key's natural one. */
    static @Nullable String forPublicKey(PublicKey key, String current) {
        if (misfit(current, key) == null) {
            return current;
        }
        if (key instanceof RSAKey) {
            return "RS256";
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits == 256 ? "ES256" : bits == 384 ? "ES384" : null;
        }
        return isEd25519(key) ? "EdDSA" : null;
    }

    /**
     * A fresh key pair for an asymmetric algorithm: RSA of JJWT's preferred size (2048 bits for RS256 and PS256, 3072
     * for RS384, 4096 for RS512), the EC curve, or Ed25519.
     */
    public static KeyPair generate(String algorithm) {
        if ("EdDSA".equals(algorithm)) {
            return Jwks.CRV.Ed25519.keyPair().build();
        }
        return ((SignatureAlgorithm) Jwts.SIG.get().forKey(algorithm)).keyPair().build();
    }

    /** The public key as the gateway publishes it: bound to the algorithm, {@code kid} its RFC 7638 thumbprint. */
    public static PublicJwk<?> publicJwk(PublicKey key, String algorithm) {
        return Jwks.builder().key(key).algorithm(algorithm).publicKeyUse("sig").idFromThumbprint().build();
    }

    private static boolean isEd25519(Key key) {
        return key instanceof EdECKey ed && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
    }
}
