package io.jwtgateway.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decodes one {@code application/x-www-form-urlencoded} name or value (RFC 6749 Appendix B): {@code +} is a space,
 * {@code %XX} a byte, and the bytes must be UTF-8. Stricter than a browser: a {@code %} without two hex digits, or
 * bytes that are not UTF-8, make the input malformed rather than being passed through.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** The text of {@code bytes[from, to)}, or empty when its encoding is malformed. */
    public static Optional<String> decode(byte[] bytes, int from, int to) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                decoded.write(' ');
            } else if (b != '%') {
                decoded.write(b);
            } else if (i + 2 < to && HexFormat.isHexDigit(bytes[i + 1]) && HexFormat.isHexDigit(bytes[i + 2])) {
                decoded.write(HexFormat.fromHexDigit(bytes[i + 1]) << 4 | HexFormat.fromHexDigit(bytes[i + 2]));
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return utf8(decoded.toByteArray());
    }

    /** The index of the first {@code wanted} in {@code bytes[from, to)}, or {@code to} when there is none. */
    public static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}
