package io.jwtgateway.gateway.refusal;

/**
 * Carries a {@link Rejection} through a {@code Mono} to {@link ProblemErrorHandler}. No stack trace, no logic: the
 * rejection is a value.
 */
public final class RejectionException extends RuntimeException {

    private final Rejection rejection;

    public RejectionException(Rejection rejection) {
        super(rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
