package io.jwtgateway.gateway.token;

import java.time.Duration;
import java.time.Instant;

/**
 * A freshly signed token and when it expires.
 *
 * @param token     the compact JWS
 * @param expiresAt its {@code exp}
 * @param lifetime  {@code exp - iat}: the client's own token lifetime, or {@code gateway.auth.token-ttl}
 * @param bound     whether it is bound to a DPoP key ({@code cnf.jkt})
 */
record IssuedToken(String token, Instant expiresAt, Duration lifetime, boolean bound) {

    /** The {@code token_type} of the response: {@code DPoP} for a bound token (RFC 9449 §5), else {@code Bearer}. */
    String type() {
        return bound ? "DPoP" : "Bearer";
    }

    /** The {@code expires_in} of the response (RFC 6749 §5.1). */
    long expiresIn() {
        return lifetime.toSeconds();
    }

    @Override
    public String toString() {                          // the token is a credential
        return "IssuedToken[expiresAt=" + expiresAt + ", bound=" + bound + "]";
    }
}
