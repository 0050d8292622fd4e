package io.jwtgateway.gateway.clients;

/** Carries a {@link ChangeError} through a {@code Mono} to the API's edge; no stack trace and no logic. */
public final class ChangeException extends RuntimeException {

    private final ChangeError error;

    ChangeException(ChangeError error) {
        super(error.detail(), null, false, false);
        this.error = error;
    }

    public ChangeError error() {
        return error;
    }
}
