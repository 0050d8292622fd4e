package io.jwtgateway.gateway.clients;

import java.util.Arrays;

/** A SHA-256 as a map key: compared by content. Found by its hash code, then confirmed in constant time. */
final class Digest {

    private final byte[] bytes;
    private final int hash;

    Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest digest && Arrays.equals(bytes, digest.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {                          // the hash of a key is a secret too
        return "Digest";
    }
}
