package io.jwtgateway.gateway.token;

import java.time.Instant;

/**
 * A freshly signed token and when it expires.
 *
 * @param token     the compact JWS
 * @param expiresAt its {@code exp}
 */
record IssuedToken(String token, Instant expiresAt) {

    @Override
    public String toString() {                          // the token is a credential
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
