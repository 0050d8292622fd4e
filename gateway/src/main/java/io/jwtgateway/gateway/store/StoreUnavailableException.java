package io.jwtgateway.gateway.store;

/** A change that could not be stored, so was not made: the store did not answer, or refused. No stack trace. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String kind) {
        super("The " + kind + " store cannot be written now", null, false, false);
    }
}
