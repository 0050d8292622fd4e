package io.jwtgateway.gateway.filter;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Makes a claim safe to forward as a header value: visible ASCII passes unchanged; every other character, and
 * {@code %} and {@code ,}, is percent-encoded as UTF-8 (RFC 3986 §2.1). So CR, LF and other control characters
 * never reach the backend raw, and a comma inside a role cannot read as two roles.
 */
final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    static String encode(String value) {
        if (isSafe(value)) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(UTF_8)) {
            if (isSafe((char) (b & 0xFF))) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
            }
        }
        return encoded.toString();
    }

    private static boolean isSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isSafe(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(char c) {
        return c > 0x20 && c < 0x7F && c != '%' && c != ',';
    }
}
