package io.jwtgateway.gateway.clients;

import java.util.Optional;

/** How a client may trade its key for a token: the values of its {@code grant_types} (RFC 7591 §2). */
public enum GrantType {

    /** {@code /oauth2/token}: RFC 6749 §4.4, the key as the client secret. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** {@code /api/v3/auth}: the key in the JSON body or {@code X-API-Key}; a value of our own. */
    API_KEY("api_key");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    /** The value as JSON carries it. */
    public String value() {
        return value;
    }

    /** The grant type of that value, exactly as written; empty for any other. */
    public static Optional<GrantType> of(String value) {
        for (GrantType type : values()) {
            if (type.value.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
