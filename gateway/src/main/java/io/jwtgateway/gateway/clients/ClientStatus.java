package io.jwtgateway.gateway.clients;

import java.util.Locale;
import java.util.Optional;

/** Whether a client may get tokens, and whether the tokens it holds count. */
public enum ClientStatus {

    ACTIVE,
    /** No token for its keys, and the tokens it was issued are refused. */
    DISABLED;

    private final String value;

    ClientStatus() {
        this.value = name().toLowerCase(Locale.ROOT);
    }

    /** The value as JSON carries it: {@code active} or {@code disabled}. */
    public String value() {
        return value;
    }

    /** The status of that value, exactly as written; empty for any other. */
    public static Optional<ClientStatus> of(String value) {
        for (ClientStatus status : values()) {
            if (status.value.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
