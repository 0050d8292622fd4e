package io.jwtgateway.gateway.clients;

import java.util.Locale;

/** A change to the registry: the {@code action} of the audit line and of {@code gateway_client_changes_total}. */
public enum ClientAction {

    CLIENT_CREATED,
    /** Its metadata changed, the status aside. */
    CLIENT_UPDATED,
    /** Disabled: its tokens end, and it gets no more until enabled. */
    CLIENT_DISABLED,
    CLIENT_ENABLED,
    /** Deleted with its keys: its tokens end. */
    CLIENT_DELETED,
    KEY_ADDED,
    /** Revoked: the key gets no more tokens, and those it got end. */
    KEY_REVOKED;

    private final String value;

    ClientAction() {
        this.value = name().toLowerCase(Locale.ROOT);
    }

    public String value() {
        return value;
    }
}
