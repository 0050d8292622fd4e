package io.jwtgateway.gateway.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest behind API-key lookup, key ids, revocation ids and the verified-token cache. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The digest in lower-case hex, as {@code sha256sum} prints it and {@code api-keys[].sha256} takes it. */
    public static String hex(byte[] input) {
        return HexFormat.of().formatHex(digest(input));
    }
}
