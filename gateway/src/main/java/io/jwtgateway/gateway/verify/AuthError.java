package io.jwtgateway.gateway.verify;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why a request was refused, in the terms of RFC 6750 §3.1. Descriptions are fixed text of ours, safe to show: never
 * a library's message, which may quote the input.
 *
 * @param status      401, 403 or 400; 503 when revocation cannot be checked
 * @param code        the RFC 6750 error code; null when the request carried no credentials (§3.1)
 * @param description a fixed, human-readable reason without quotes or backslashes
 */
public record AuthError(HttpStatus status, @Nullable String code, String description) {

    public static AuthError missingToken() {
        return new AuthError(UNAUTHORIZED, null, "Authentication required");
    }

    public static AuthError invalidToken(String why) {
        return new AuthError(UNAUTHORIZED, "invalid_token", why);
    }

    public static AuthError expiredToken() {
        return invalidToken("The token has expired");
    }

    public static AuthError revokedToken() {
        return invalidToken("The token has been revoked");
    }

    /** The revoked set cannot be consulted (a shared store is unreachable) and the gateway is set to deny then. */
    public static AuthError revocationUnavailable() {
        return new AuthError(SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "Token revocation status is unavailable, try again shortly");
    }

    /** Whether the response carries a {@code WWW-Authenticate} challenge: only refusals of the credentials do. */
    public boolean isChallenge() {
        return status == UNAUTHORIZED || status == FORBIDDEN || status == BAD_REQUEST;
    }

    public static AuthError invalidRequest(String why) {
        return new AuthError(BAD_REQUEST, "invalid_request", why);
    }

    public static AuthError insufficientScope(String role) {
        return new AuthError(FORBIDDEN, "insufficient_scope", "Requires the " + role + " role");
    }

    /** A token without the OAuth2 scopes a route asks for; {@code needed} is a plain list such as "a b" or "a or b". */
    public static AuthError missingScope(String needed) {
        return new AuthError(FORBIDDEN, "insufficient_scope", "Requires the scope " + needed);
    }

    /** The {@code WWW-Authenticate} value: attributes after the realm only when credentials were sent (§3). */
    public String challenge(String realm) {
        String base = "Bearer realm=\"%s\"".formatted(realm);
        return code == null ? base : base + ", error=\"%s\", error_description=\"%s\"".formatted(code, description);
    }

    public <T> Mono<T> reject() {
        return Mono.error(new AuthException(this));
    }
}
