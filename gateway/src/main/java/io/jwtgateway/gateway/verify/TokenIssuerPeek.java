package io.jwtgateway.gateway.verify;

import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the {@code iss} of a token that is not verified yet, only to choose which issuer's keys and rules verify it.
 * Nothing read here is trusted: the chosen parser requires the same issuer again after checking the signature.
 */
final class TokenIssuerPeek {

    private static final JsonFactory JSON = new JsonFactory();

    private TokenIssuerPeek() {
    }

    /** The top-level {@code iss} string of a canonical compact JWS's payload, or null. */
    static @Nullable String issuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;                                // callers check the form first; this one never throws
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
        } catch (IllegalArgumentException ex) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("iss".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
