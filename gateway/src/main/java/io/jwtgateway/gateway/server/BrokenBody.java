package io.jwtgateway.gateway.server;

/**
 * The request body broke off: its chunked framing was malformed, or the client stopped sending it. Raised into the
 * request's inbound stream, so that whatever reads the body fails instead of seeing it end: a backend request
 * carrying it is aborted, never completed. An expected outcome, so it carries no stack trace.
 */
final class BrokenBody extends RuntimeException {

    private final ConnectionRefusal refusal;

    BrokenBody(ConnectionRefusal refusal) {
        super(refusal.detail(), null, false, false);
        this.refusal = refusal;
    }

    ConnectionRefusal refusal() {
        return refusal;
    }
}
