package io.jwtgateway.gateway.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SHA-256, the digest behind API-key lookup, key ids, revocation ids, the verified-token cache and a DPoP proof's
 * token hash.
 */
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

    /** The digest in unpadded base64url, as JOSE writes digests: a DPoP proof's {@code ath} (RFC 9449 §4.2). */
    public static String base64Url(byte[] input) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(input));
    }

    /** The digest in lower-case hex, as {@code sha256sum} prints it and {@code api-keys[].sha256} takes it. */
    public static String hex(byte[] input) {
        return HexFormat.of().formatHex(digest(input));
    }
}
