package io.jwtgateway.gateway.http;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a JSON object strictly: one object and nothing after it, no duplicate keys. A lenient parser lets two
 * components read different values out of the same bytes, which is how smuggled credentials get through.
 */
public final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The members of a JSON object, or empty when the bytes are not exactly one well-formed object. */
    public static Optional<Map<?, ?>> readObject(byte[] json) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            return value instanceof Map<?, ?> members ? Optional.of(members) : Optional.empty();
        } catch (JacksonException ex) {
            return Optional.empty();
        }
    }

    /**
     * Whether a raw {@code Content-Type} value names JSON: {@code application/json} or an {@code application/…+json}
     * type, parameters allowed. Wildcards, other types and values that do not parse (a client's garbage, an unknown
     * charset) are not JSON: bad input, never an exception.
     */
    public static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException unparseable) {    // InvalidMediaTypeException, or an unknown charset
            return false;
        }
        return type.getType().equals("application")
                && (type.getSubtype().equals("json") || "json".equals(type.getSubtypeSuffix()));
    }
}
