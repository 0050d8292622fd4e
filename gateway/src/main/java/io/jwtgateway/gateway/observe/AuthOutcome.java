package io.jwtgateway.gateway.observe;

import java.util.Locale;


/**
 * What the gateway decided about a request's credentials, in a fixed vocabulary: the {@code outcome} of the
 * {@code gateway_auth_decisions_total} metric and of the access log. A bounded set by design, so a metric tag never
 * carries a subject, a token or a library's message.
 */
public enum AuthOutcome {

    /** A valid token or API key, holding whatever the route asks for. */
    ALLOWED,
    /** A public route: no credentials asked for. */
    PUBLIC,
    /** No credentials at all. */
    MISSING,
    /** Not a compact JWS in canonical form, too large, or unreadable. */
    MALFORMED,
    INVALID_SIGNATURE,
    /** An {@code alg} other than the key's own, or one we do not support (RFC 8725 §3.1). */
    WRONG_ALGORITHM,
    /** A header we refuse: {@code crit}, {@code zip}, {@code b64}, a wrong {@code typ}, or a JWE. */
    INVALID_HEADER,
    /** A {@code kid} no key of the issuer has, even after a JWKS refetch. */
    UNKNOWN_KEY,
    EXPIRED,
    /** {@code nbf} in the future. */
    NOT_YET_VALID,
    /** An {@code iss} we do not trust. */
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    /** Any other claim rule broken: no {@code exp}, {@code sub} or {@code jti}, a future {@code iat}, bad shapes. */
    INVALID_CLAIMS,
    REVOKED,
    /** A valid token without a role or scope the route needs. */
    FORBIDDEN,
    /** Credentials sent in a form we cannot read: two {@code Authorization} headers, a malformed body. */
    INVALID_REQUEST,
    /**
     * A cookie token on a request a page of another site could have sent: an unsafe method or a WebSocket upgrade
     * without a trusted {@code Origin} or {@code Referer} (CSRF).
     */
    CROSS_SITE,
    /** The revocation store cannot vouch for the token and the gateway is set to deny then. */
    UNAVAILABLE,
    /** An API key, or a client secret, that matches no configured key. */
    INVALID_API_KEY;

    private final String tag;

    AuthOutcome() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used as the metric tag and in the access log, such as {@code invalid_signature}. */
    public String tag() {
        return tag;
    }
}
