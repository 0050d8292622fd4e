package io.jwtgateway.gateway.dpop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import io.jwtgateway.gateway.crypto.Sha256;

/**
 * What the replay cache keys a proof by: the SHA-256 of its key's thumbprint and its {@code jti}, so that two clients'
 * identical {@code jti} values never collide, and a key of fixed size is kept whatever the {@code jti}'s length.
 */
final class ProofId {

    private final byte[] digest;

    private ProofId(byte[] digest) {
        this.digest = digest;
    }

    static ProofId of(String thumbprint, String jti) {
        return new ProofId(Sha256.digest((thumbprint + "\n" + jti).getBytes(UTF_8)));
    }

    /**
     * 64 bits of it, for the in-memory set: a new proof is taken for a replay with a chance of n in 2^64 while n
     * proofs are kept, 1 in 10^13 with half a million.
     */
    long shortForm() {
        return ByteBuffer.wrap(digest).getLong();
    }

    /** 128 bits of it in base64url, for a Redis key. */
    String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
