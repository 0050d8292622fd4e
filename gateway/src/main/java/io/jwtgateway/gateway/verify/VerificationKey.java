package io.jwtgateway.gateway.verify;

import java.security.Key;

import io.jwtgateway.gateway.crypto.SigningAlgorithm;

/**
 * A key a token may be verified with, bound to the one algorithm it verifies (RFC 8725 §3.1).
 *
 * @param keyId     its {@code kid}
 * @param algorithm the algorithm a token's {@code alg} header must name
 * @param key       the public key, or the HMAC secret
 */
record VerificationKey(String keyId, SigningAlgorithm algorithm, Key key) {

    @Override
    public String toString() {                          // an HMAC key is a secret
        return "VerificationKey[kid=" + keyId + ", alg=" + algorithm + "]";
    }
}
