package io.jwtgateway.gateway.observe;

import java.util.Locale;

/**
 * What the gateway decided about a request's credentials, or its origin, in a fixed vocabulary: the {@code outcome} of
 * the {@code gateway_auth_decisions_total} metric and of the access log. A bounded set by design, so a metric tag never
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
    /**
     * A cross-origin request, a preflight included, that the CORS configuration does not allow for its path (its
     * origin, or a method or header it asks for): refused before its credentials are looked at, with the problem's
     * {@code error} of the same name.
     */
    CORS_ORIGIN,
    /** The revocation store cannot vouch for the token and the gateway is set to deny then. */
    UNAVAILABLE,
    /**
     * An API key, or a client secret, that gets no token: unknown, expired, revoked, of a disabled client or of another
     * client ({@code gateway_api_key_failures_total} tells them apart).
     */
    INVALID_API_KEY,
    /** DPoP (RFC 9449): the scheme or a bound token without a {@code DPoP} proof, or two proofs. */
    DPOP_MISSING_PROOF,
    /**
     * A proof that is not a JWS we accept: malformed, a wrong {@code typ} or {@code alg}, a private or no key, a bad
     * signature, claims missing or of the wrong shape.
     */
    DPOP_INVALID_PROOF,
    /** A proof for another method ({@code htm}) or URL ({@code htu}). */
    DPOP_WRONG_TARGET,
    /** A proof whose {@code iat} is outside the accepted window. */
    DPOP_STALE,
    /** A proof whose {@code jti} was seen before. */
    DPOP_REPLAYED,
    /** A proof for another token ({@code ath}) or signed by a key other than the one the token is bound to. */
    DPOP_KEY_MISMATCH,
    /** A proof without the current server nonce. */
    DPOP_NONCE,
    /** A DPoP proof or scheme with a token not bound to a key, or a route that asks for DPoP given a bearer token. */
    DPOP_UNBOUND,
    /** A token bound to a DPoP key presented as a bearer token. */
    DPOP_DOWNGRADE;

    private final String tag;

    AuthOutcome() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used as the metric tag and in the access log, such as {@code invalid_signature}. */
    public String tag() {
        return tag;
    }
}
