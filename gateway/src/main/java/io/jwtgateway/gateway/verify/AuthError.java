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
 * a library's message, which may quote the input. Each factory also names the {@link AuthOutcome}, so the metrics and
 * the access log read the reason from here and nowhere else.
 *
 * @param status      401, 403 or 400; 503 when revocation cannot be checked
 * @param code        the RFC 6750 error code; null when the request carried no credentials (§3.1)
 * @param description a fixed, human-readable reason without quotes or backslashes
 * @param outcome     the reason in the bounded vocabulary of the metrics
 */
public record AuthError(HttpStatus status, @Nullable String code, String description, AuthOutcome outcome) {

    public static AuthError missingToken() {
        return new AuthError(UNAUTHORIZED, null, "Authentication required", AuthOutcome.MISSING);
    }

    static AuthError oversizedToken() {
        return invalidToken(AuthOutcome.MALFORMED, "The token is too large");
    }

    static AuthError malformedToken() {
        return invalidToken(AuthOutcome.MALFORMED, "The token is malformed");
    }

    static AuthError untrustedIssuer() {
        return invalidToken(AuthOutcome.WRONG_ISSUER, "The token issuer is not accepted");
    }

    static AuthError wrongAudience() {
        return invalidToken(AuthOutcome.WRONG_AUDIENCE, "The token audience is not accepted");
    }

    static AuthError unknownKey() {
        return invalidToken(AuthOutcome.UNKNOWN_KEY, "The token signing key is unknown");
    }

    static AuthError invalidSignature() {
        return invalidToken(AuthOutcome.INVALID_SIGNATURE, "The token signature is invalid");
    }

    static AuthError refusedAlgorithm() {
        return invalidToken(AuthOutcome.WRONG_ALGORITHM, "The token algorithm is not accepted");
    }

    static AuthError refusedHeader() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token header is not accepted");
    }

    static AuthError refusedType() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token type is not accepted");
    }

    static AuthError encryptedToken() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token is encrypted");
    }

    public static AuthError expiredToken() {
        return invalidToken(AuthOutcome.EXPIRED, "The token has expired");
    }

    static AuthError prematureToken() {
        return invalidToken(AuthOutcome.NOT_YET_VALID, "The token is not valid yet");
    }

    /** A claim rule broken, in the words of {@link ClaimRules}; audience and expiry have factories of their own. */
    static AuthError invalidClaims(String why) {
        return invalidToken(AuthOutcome.INVALID_CLAIMS, why);
    }

    public static AuthError revokedToken() {
        return invalidToken(AuthOutcome.REVOKED, "The token has been revoked");
    }

    /** The revoked set cannot be consulted (a shared store is unreachable) and the gateway is set to deny then. */
    public static AuthError revocationUnavailable() {
        return new AuthError(SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "Token revocation status is unavailable, try again shortly", AuthOutcome.UNAVAILABLE);
    }

    /** Whether the response carries a {@code WWW-Authenticate} challenge: only refusals of the credentials do. */
    public boolean isChallenge() {
        return status == UNAUTHORIZED || status == FORBIDDEN || status == BAD_REQUEST;
    }

    public static AuthError invalidRequest(String why) {
        return new AuthError(BAD_REQUEST, "invalid_request", why, AuthOutcome.INVALID_REQUEST);
    }

    public static AuthError insufficientScope(String role) {
        return new AuthError(FORBIDDEN, "insufficient_scope", "Requires the " + role + " role", AuthOutcome.FORBIDDEN);
    }

    /** A token without the OAuth2 scopes a route asks for; {@code needed} is a plain list such as "a b" or "a or b". */
    public static AuthError missingScope(String needed) {
        return new AuthError(FORBIDDEN, "insufficient_scope", "Requires the scope " + needed, AuthOutcome.FORBIDDEN);
    }

    private static AuthError invalidToken(AuthOutcome outcome, String why) {
        return new AuthError(UNAUTHORIZED, "invalid_token", why, outcome);
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
