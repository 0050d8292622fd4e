package io.jwtgateway.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, every value of every name, in order.
 *
 * @param values each decoded name with its decoded values
 */
public record FormParameters(Map<String, List<String>> values) {

    public FormParameters {
        values = values.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }

    /**
     * Splits a body at {@code &} and each pair at its first {@code =}; a pair without {@code =} is a name with an empty
     * value and empty pairs are skipped, as browsers do. Empty when any name or value is malformed
     * ({@link FormEncoding}).
     */
    public static Optional<FormParameters> decode(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = FormEncoding.indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int equals = FormEncoding.indexOf(body, (byte) '=', start, end);
                Optional<String> name = FormEncoding.decode(body, start, equals);
                Optional<String> value = FormEncoding.decode(body, Math.min(equals + 1, end), end);
                if (name.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                values.computeIfAbsent(name.get(), n -> new ArrayList<>()).add(value.get());
            }
            start = end + 1;
        }
        return Optional.of(new FormParameters(values));
    }

    /** Form-urlencoded, with no charset or UTF-8; a value that does not parse is bad input, never an exception. */
    public static boolean isUtf8Form(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException unparseable) {    // InvalidMediaTypeException, or an unknown charset
            return false;
        }
    }

    /** RFC 6749 §3.2: request parameters must not be included more than once. */
    public boolean hasRepeatedName() {
        return values.values().stream().anyMatch(list -> list.size() > 1);
    }

    /** The parameter's value; RFC 6749 §3.1 treats a parameter sent without a value as omitted. */
    public Optional<String> get(String name) {
        return values.getOrDefault(name, List.of()).stream().findFirst().filter(value -> !value.isEmpty());
    }

    @Override
    public String toString() {                          // client_secret is one of the values
        return "FormParameters" + values.keySet();
    }
}
