package io.jwtgateway.gateway.keytool;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import io.jwtgateway.gateway.verify.Algorithms;
import io.jwtgateway.gateway.verify.PemKeys;
import org.jspecify.annotations.Nullable;

/**
 * A client's DPoP key (RFC 9449 §4.2): the private key read from a PKCS#8 PEM file, the public JWK derived from it,
 * which every proof carries, and the algorithm proofs are signed with.
 */
record ProofKey(PrivateKey privateKey, PublicJwk<?> publicJwk, SigningAlgorithm algorithm) {

    private static final String KEY = "--key";

    private static final List<SigningAlgorithm> ASYMMETRIC = Arrays.stream(SigningAlgorithm.values())
            .filter(algorithm -> !algorithm.isSymmetric())
            .toList();

    /**
     * Reads the key at {@code path}, to sign with {@code algorithmName}, or when that is null with the one the key
     * implies: PS256 for RSA, ES256, ES384 or ES512 by the EC curve, EdDSA for Ed25519.
     */
    static ProofKey read(String path, @Nullable String algorithmName) throws Misuse {
        PrivateKey key;
        try {
            key = PemKeys.privateKey(Path.of(path), KEY);
        } catch (InvalidConfigurationException ex) {      // its one problem names --key and never quotes the file
            throw new Misuse(ex.getMessage());
        }
        SigningAlgorithm algorithm = algorithmName == null ? implied(key) : named(algorithmName);
        String misfit = Algorithms.misfit(algorithm, key);
        if (misfit != null) {
            throw new Misuse(KEY + ": " + path + " " + misfit);
        }
        // JJWT derives the public half: from the modulus and the public exponent an RSA CRT key holds, by scalar
        // multiplication on the EC curve, and for Ed25519 by making the key pair again from the private key's bytes.
        PublicJwk<?> publicJwk = Jwks.builder().key(key).build().toPublicJwk();
        return new ProofKey(key, publicJwk, algorithm);
    }

    /** The RFC 7638 SHA-256 thumbprint of the public JWK, base64url: a bound token's {@code cnf.jkt} (RFC 9449 §6). */
    String thumbprint() {
        return publicJwk.thumbprint().toString();
    }

    private static SigningAlgorithm implied(PrivateKey key) {
        if (key instanceof ECKey ec) {
            return switch (ec.getParams().getOrder().bitLength()) {
                case 384 -> SigningAlgorithm.ES384;
                case 521 -> SigningAlgorithm.ES512;
                default -> SigningAlgorithm.ES256;
            };
        }
        return key instanceof RSAKey ? SigningAlgorithm.PS256 : SigningAlgorithm.EdDSA;
    }

    private static SigningAlgorithm named(String name) throws Misuse {
        return SigningAlgorithm.of(name).filter(ASYMMETRIC::contains)
                .orElseThrow(() -> new Misuse("unknown --algorithm " + name + "; use one of "
                        + SigningAlgorithm.names(ASYMMETRIC)));
    }

    @Override
    public String toString() {                          // a JDK private key may print its private values
        return "ProofKey[algorithm=%s, thumbprint=%s]".formatted(algorithm, thumbprint());
    }
}
