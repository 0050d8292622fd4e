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
    /** A route that breaks the rules of routes added at runtime: each member at fault listed. */
    INVALID_ROUTE,
    /** No route added at runtime has that id. */
    ROUTE_NOT_FOUND,
    /** A route of application.yml, changed by the configuration only. */
    READ_ONLY_ROUTE,
    /** {@code gateway.routes.max-routes} routes added at runtime already. */
    TOO_MANY_ROUTES,
    /** A body that is not one JSON object of at most 16 KiB, or of another content type. */
    INVALID_BODY,
    /** Client metadata a member of which is unknown, of the wrong type or out of bounds (RFC 7591 §3.2.2's code). */
    INVALID_CLIENT_METADATA,
    /** No client of that id. */
    CLIENT_NOT_FOUND,
    /** No key of that id among the client's. */
    KEY_NOT_FOUND,
    /** A client of that id exists already. */
    CLIENT_EXISTS,
    /** A client of {@code gateway.auth.api-keys}, changed by the configuration only. */
    READ_ONLY_CLIENT,
    /** {@code gateway.auth.clients.max-clients} registered already. */
    TOO_MANY_CLIENTS,
    /** The client holds {@code gateway.auth.clients.max-keys-per-client} keys that are not revoked. */
    TOO_MANY_KEYS,
    /** The shared store cannot be written now: nothing changed. */
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
