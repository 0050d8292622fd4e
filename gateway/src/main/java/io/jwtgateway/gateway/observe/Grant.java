package io.jwtgateway.gateway.observe;

import java.util.Locale;

/** How a client obtained a token: the {@code grant} tag of the token counters. */
public enum Grant {

    /** {@code /api/v3/auth}: an API key in the body or {@code X-API-Key}. */
    API_KEY,
    /** {@code /oauth2/token}: RFC 6749 §4.4, the API key as the client secret. */
    CLIENT_CREDENTIALS,
    /** {@code /oauth2/token}: RFC 8693 token exchange, a user's token traded for one addressed to a service. */
    TOKEN_EXCHANGE;

    private final String tag;

    Grant() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    public String tag() {
        return tag;
    }
}
