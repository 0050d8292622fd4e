package io.jwtgateway.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * Reads an {@code application/x-www-form-urlencoded} body (the OAuth2 endpoints' format, RFC 6749 §3.2) strictly: a
 * parameter given twice, or malformed percent-encoding, makes the whole body unreadable.
 */
public final class FormBody {

    private FormBody() {
    }

    /** Whether a raw {@code Content-Type} value is the form media type (parameters such as charset allowed). */
    public static boolean isForm(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The parameters, or empty when a name repeats or the encoding is malformed. */
    public static Optional<Map<String, String>> read(byte[] body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String text = new String(body, UTF_8);
        if (text.isEmpty()) {
            return Optional.of(parameters);
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
                if (parameters.put(name, value) != null) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
