package io.jwtgateway.gateway.verify;

import java.security.Key;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.NamedParameterSpec;
import java.util.List;
import java.util.Optional;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SignatureAlgorithm;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * Which key fits which {@link SigningAlgorithm}. A key is bound to one algorithm when it is loaded (RFC 8725 §3.1):
 * the token's {@code alg} header only has to agree with it.
 * Public for the {@code keys} command, which must make keys and key ids exactly as the gateway does.
 */
public final class Algorithms {

    /**
     * What a public key verifies when no algorithm is named: one per kind of key the gateway signs with, so a retired
     * key, or a trusted issuer's JWK without {@code alg}, needs none.
     */
    static final List<SigningAlgorithm> IMPLIED = List.of(
            SigningAlgorithm.RS256, SigningAlgorithm.ES256, SigningAlgorithm.ES384, SigningAlgorithm.EdDSA);

    private Algorithms() {
    }

    /** Why the key cannot verify (or sign) with the algorithm, or null when it fits. */
    public static @Nullable String misfit(SigningAlgorithm algorithm, Key key) {
        return switch (algorithm.family()) {
            case RSA, RSA_PSS -> key instanceof RSAKey rsa
                    ? (rsa.getModulus().bitLength() < algorithm.keyBits()
                            ? "is a " + rsa.getModulus().bitLength() + "-bit RSA key; " + algorithm + " needs at least "
                                    + algorithm.keyBits() + " bits"
                            : null)
                    : "is not an RSA key, which " + algorithm + " needs";
            case EC -> key instanceof ECKey ec && ec.getParams().getOrder().bitLength() == algorithm.keyBits()
                    ? null
                    : "is not an EC key on the curve " + algorithm + " needs (P-" + algorithm.keyBits() + ")";
            case EDDSA -> isEd25519(key) ? null : "is not an Ed25519 key, which EdDSA needs here";
            case HMAC -> "cannot be used with " + algorithm;
        };
    }

    /**
     * The algorithm a retired public key verifies: the current one when the key fits it, else the one it
     * {@linkplain #IMPLIED implies}.
     */
    static Optional<SigningAlgorithm> forPublicKey(PublicKey key, SigningAlgorithm current) {
        if (misfit(current, key) == null) {
            return Optional.of(current);
        }
        if (key instanceof RSAKey) {
            return Optional.of(SigningAlgorithm.RS256);     // even when too short: its misfit then says so
        }
        return IMPLIED.stream().filter(implied -> misfit(implied, key) == null).findFirst();
    }

    /**
     * A fresh key pair for an asymmetric algorithm: RSA of JJWT's preferred size (2048 bits for RS256 and PS256, 3072
     * for RS384, 4096 for RS512), the EC curve, or Ed25519.
     */
    public static KeyPair generate(SigningAlgorithm algorithm) {
        if (algorithm.family() == SigningAlgorithm.Family.EDDSA) {
            return Jwks.CRV.Ed25519.keyPair().build();
        }
        return ((SignatureAlgorithm) algorithm.jjwtAlgorithm()).keyPair().build();
    }

    /** The public key as the gateway publishes it: bound to the algorithm, {@code kid} its RFC 7638 thumbprint. */
    public static PublicJwk<?> publicJwk(PublicKey key, SigningAlgorithm algorithm) {
        return Jwks.builder().key(key).algorithm(algorithm.jwsName()).publicKeyUse("sig").idFromThumbprint().build();
    }

    private static boolean isEd25519(Key key) {
        return key instanceof EdECKey ed
                && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
    }
}
