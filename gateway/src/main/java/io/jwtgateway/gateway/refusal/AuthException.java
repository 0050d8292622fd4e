package io.jwtgateway.gateway.refusal;

/** Carries an {@link AuthError} through a {@code Mono}. No stack trace, no logic: the error is a value. */
public final class AuthException extends RuntimeException {

    private final AuthError error;

    public AuthException(AuthError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }

    public AuthError error() {
        return error;
    }
}
