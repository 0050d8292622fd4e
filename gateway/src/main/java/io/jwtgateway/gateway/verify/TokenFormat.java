package io.jwtgateway.gateway.verify;

/**
 * The one spelling of a compact JWS we accept: three base64url segments (RFC 7515 §7.1) without padding, without
 * the {@code +} and {@code /} of plain base64, and without non-zero trailing bits. A token with a second spelling
 * could slip past a revocation list or cache keyed by its text, so every other spelling is invalid.
 */
public final class TokenFormat {

    /** The ceiling of gateway.auth.max-token-bytes; the configured limit is checked before this. */
    static final int MAX_LENGTH = 64 * 1024;

    private TokenFormat() {
    }

    public static boolean isCanonical(String token) {
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return isSegment(token, 0, first) && isSegment(token, first + 1, second)
                && isSegment(token, second + 1, token.length());
    }

    private static boolean isSegment(String token, int start, int end) {
        int length = end - start;
        if (length == 0 || length % 4 == 1) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (sextet(token.charAt(i)) < 0) {
                return false;
            }
        }
        int last = sextet(token.charAt(end - 1));
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0;       // 2 chars carry 1 byte: the low 4 bits are padding
            case 3 -> (last & 0x03) == 0;       // 3 chars carry 2 bytes: the low 2 bits are padding
            default -> true;
        };
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }
}
