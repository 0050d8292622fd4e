package io.jwtgateway.gateway.clients;

import java.util.Locale;

/** A key's state as an operator sees it, in lists and the metrics. */
public enum KeyState {

    ACTIVE,
    /** Past its {@code expires_at}: it gets no token; those it got live on until they expire. */
    EXPIRED,
    /** Revoked: it gets no token, and those it got are refused. */
    REVOKED;

    private final String value;

    KeyState() {
        this.value = name().toLowerCase(Locale.ROOT);
    }

    public String value() {
        return value;
    }
}
