package io.jwtgateway.gateway.stream;

import java.util.Locale;

/** Why a connection opened with a token was ended by the gateway. */
enum TokenEnd {

    EXPIRED("token expired"),
    REVOKED("token revoked");

    private final String reason;

    TokenEnd(String reason) {
        this.reason = reason;
    }

    /** The close reason a client is shown, such as {@code token expired}. */
    String reason() {
        return reason;
    }

    /** The metric tag: {@code expired} or {@code revoked}. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
