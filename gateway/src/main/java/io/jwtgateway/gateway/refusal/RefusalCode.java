package io.jwtgateway.gateway.refusal;

import java.util.Locale;

/**
 * The gateway's own codes for the {@code error} member of a problem detail, on refusals that are not about credentials
 * (those carry their RFC 6750 or RFC 6749 code from {@link AuthError}). A type of its own, so a code and a detail,
 * both text in the body, cannot trade places at a call of {@link RefusalWriter}.
 */
public enum RefusalCode {

    /** A cross-origin request from an origin the CORS configuration does not allow for the path. */
    CORS_ORIGIN,
    /** The caller's rate limit is spent. */
    RATE_LIMITED,
    /** No instance of the backend could be reached. */
    BACKEND_UNAVAILABLE,
    /** The backend did not answer in time. */
    BACKEND_TIMEOUT,
    /** The backend closed the connection before its response began. */
    BACKEND_CLOSED,
    /** A change could not be stored (the shared store did not answer), so was not made. */
    STORE_UNAVAILABLE;

    private final String tag;

    RefusalCode() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The code as the body carries it, such as {@code rate_limited}. */
    public String tag() {
        return tag;
    }
}
