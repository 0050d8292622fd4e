package io.jwtgateway.gateway.refusal;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.METHOD_NOT_ALLOWED;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;

import io.jwtgateway.gateway.observe.AuthOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why the gateway refused a request's credentials or a request to one of its token endpoints: the one refusal value,
 * whichever shape the response takes ({@link RefusalWriter}: an RFC 9457 problem with an RFC 6750 challenge on the
 * routes, an RFC 6749 §5.2 error at the OAuth2 endpoints, the seed's envelope at {@code /api/v3/auth}). Descriptions
 * are fixed text of ours, safe to show: never a library's message or the input, which may quote a secret. Only the
 * named factories create one; each names the {@link AuthOutcome} too, so the metrics and the access log read the
 * reason from here and nowhere else. In a {@code Mono} it travels inside {@link AuthException}.
 *
 * @param status      401, 403 or 400; 405 for a wrong method; 503 when revocation cannot be checked or recorded
 * @param code        the RFC 6750 or RFC 6749 error code; null when the request carried no credentials (RFC 6750 §3.1)
 * @param description a fixed, human-readable reason without quotes or backslashes
 * @param outcome     the reason in the bounded vocabulary of the metrics
 * @param dpop        whether the challenge names the DPoP scheme (RFC 9449 §7.1) rather than Bearer: a refusal of a
 *                    proof, of a token's key binding, or of a request that used the DPoP scheme
 */
public record AuthError(HttpStatus status, @Nullable String code, String description, AuthOutcome outcome,
        boolean dpop) {

    private AuthError(HttpStatus status, @Nullable String code, String description, AuthOutcome outcome) {
        this(status, code, description, outcome, false);
    }

    public static AuthError missingToken() {
        return new AuthError(UNAUTHORIZED, null, "Authentication required", AuthOutcome.MISSING);
    }

    public static AuthError oversizedToken() {
        return invalidToken(AuthOutcome.MALFORMED, "The token is too large");
    }

    public static AuthError malformedToken() {
        return invalidToken(AuthOutcome.MALFORMED, "The token is malformed");
    }

    public static AuthError untrustedIssuer() {
        return invalidToken(AuthOutcome.WRONG_ISSUER, "The token issuer is not accepted");
    }

    public static AuthError wrongAudience() {
        return invalidToken(AuthOutcome.WRONG_AUDIENCE, "The token audience is not accepted");
    }

    public static AuthError unknownKey() {
        return invalidToken(AuthOutcome.UNKNOWN_KEY, "The token signing key is unknown");
    }

    public static AuthError invalidSignature() {
        return invalidToken(AuthOutcome.INVALID_SIGNATURE, "The token signature is invalid");
    }

    public static AuthError refusedAlgorithm() {
        return invalidToken(AuthOutcome.WRONG_ALGORITHM, "The token algorithm is not accepted");
    }

    public static AuthError refusedHeader() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token header is not accepted");
    }

    public static AuthError refusedType() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token type is not accepted");
    }

    public static AuthError encryptedToken() {
        return invalidToken(AuthOutcome.INVALID_HEADER, "The token is encrypted");
    }

    public static AuthError expiredToken() {
        return invalidToken(AuthOutcome.EXPIRED, "The token has expired");
    }

    public static AuthError prematureToken() {
        return invalidToken(AuthOutcome.NOT_YET_VALID, "The token is not valid yet");
    }

    /** A claim rule broken, in the words of the claim rules; audience and expiry have factories of their own. */
    public static AuthError invalidClaims(String why) {
        return invalidToken(AuthOutcome.INVALID_CLAIMS, why);
    }

    /**
     * RFC 7592 §2.1: a registration access token that is not the client's, or a client that does not exist, alike.
     */
    public static AuthError invalidRegistrationToken() {
        return invalidToken(AuthOutcome.INVALID_API_KEY, "The registration access token is not valid for this client");
    }

    public static AuthError revokedToken() {
        return invalidToken(AuthOutcome.REVOKED, "The token has been revoked");
    }

    /** The revoked set cannot be consulted (a shared store is unreachable) and the gateway is set to deny then. */
    public static AuthError revocationUnavailable() {
        return new AuthError(SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "Token revocation status is unavailable, try again shortly", AuthOutcome.UNAVAILABLE);
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

    /** A request to a token endpoint with no API key or client credentials at all: a 400, as the seed answers it. */
    public static AuthError missingCredentials(String why) {
        return new AuthError(BAD_REQUEST, "invalid_request", why, AuthOutcome.MISSING);
    }

    /** An API key that gets no token, whatever the reason: the caller learns only that it is wrong. */
    public static AuthError invalidApiKey() {
        return new AuthError(UNAUTHORIZED, "invalid_client", "invalid api key", AuthOutcome.INVALID_API_KEY);
    }

    /**
     * RFC 6749 §5.2 {@code invalid_client}: unknown client, wrong secret, no or an unsupported client authentication
     * all look the same to the client; {@code outcome} tells them apart for the operator.
     */
    public static AuthError invalidClient(AuthOutcome outcome, String why) {
        return new AuthError(UNAUTHORIZED, "invalid_client", why, outcome);
    }

    /**
     * RFC 6749 §5.2 {@code unauthorized_client}: a client that authenticated, but whose grant types leave out the one
     * it asked for.
     */
    public static AuthError unauthorizedClient() {
        return new AuthError(BAD_REQUEST, "unauthorized_client", "this client may not use the client_credentials grant",
                AuthOutcome.FORBIDDEN);
    }

    /** RFC 9449 §5.2: a client registered with {@code dpop_bound_access_tokens} asked for a token without a proof. */
    public static AuthError dpopProofRequired() {
        return invalidDpopProof(AuthOutcome.DPOP_MISSING_PROOF,
                "This client's tokens are bound to a DPoP key: send a DPoP proof");
    }

    public static AuthError unsupportedGrantType() {
        return new AuthError(BAD_REQUEST, "unsupported_grant_type", "the grant types are client_credentials and "
                + "urn:ietf:params:oauth:grant-type:token-exchange", AuthOutcome.INVALID_REQUEST);
    }

    /** RFC 6749 §5.2 {@code unauthorized_client}: a client that authenticated, but may not exchange tokens. */
    public static AuthError exchangeNotAllowed() {
        return new AuthError(BAD_REQUEST, "unauthorized_client", "this client may not exchange tokens",
                AuthOutcome.FORBIDDEN);
    }

    /** RFC 8693 §2.2.2 {@code invalid_target}: a service this client may not exchange for, or none named. */
    public static AuthError invalidTarget(String why) {
        return new AuthError(BAD_REQUEST, "invalid_target", why, AuthOutcome.FORBIDDEN);
    }

    /**
     * RFC 6749 §5.2 {@code invalid_grant}: the subject token of a token exchange refused, for the reason this refusal
     * of it on a route gives.
     */
    public AuthError asInvalidGrant() {
        return new AuthError(BAD_REQUEST, "invalid_grant", "subject_token refused: " + description, outcome);
    }

    /**
     * RFC 8693 §2.2.2 {@code invalid_request}: the actor token of a token exchange refused, for the reason this
     * refusal of it on a route gives.
     */
    public AuthError asInvalidActor() {
        return new AuthError(BAD_REQUEST, "invalid_request", "actor_token refused: " + description, outcome);
    }

    /** A token exchange whose actor token is not the calling client's own: the client acts only as itself. */
    public static AuthError actorNotCaller() {
        return new AuthError(BAD_REQUEST, "invalid_request",
                "actor_token must be a token of the calling client itself", AuthOutcome.FORBIDDEN);
    }

    /** A token exchange asking for a scope the subject token does not hold: a scope may narrow, never widen. */
    public static AuthError scopeBeyondSubject() {
        return new AuthError(BAD_REQUEST, "invalid_scope",
                "scope must be space-separated scopes, each held by the subject token", AuthOutcome.FORBIDDEN);
    }

    /** A client asking for a scope it was not granted: refused as a missing scope is on a route. */
    public static AuthError invalidScope() {
        return new AuthError(BAD_REQUEST, "invalid_scope",
                "scope must be space-separated scopes, each granted to this client", AuthOutcome.FORBIDDEN);
    }

    /**
     * A cookie token on an unsafe request (or a WebSocket upgrade) whose {@code Origin}, or {@code Referer}, is
     * neither the gateway's own nor an allowed CORS origin: a page of another site may have sent it (CSRF).
     */
    public static AuthError crossSiteRequest() {
        return new AuthError(FORBIDDEN, "invalid_request", "A request with a cookie token must come from this "
                + "gateway's origin or an allowed CORS origin (Origin or Referer header)", AuthOutcome.CROSS_SITE);
    }

    /** A DPoP proof that is missing, malformed or wrong in one of RFC 9449 §4.3's checks, named by {@code outcome}. */
    public static AuthError invalidDpopProof(AuthOutcome outcome, String why) {
        return new AuthError(UNAUTHORIZED, "invalid_dpop_proof", why, outcome, true);
    }

    /** A proof without the gateway's current nonce (RFC 9449 §8, §9); a {@code DPoP-Nonce} header goes with it. */
    public static AuthError useDpopNonce() {
        return new AuthError(UNAUTHORIZED, "use_dpop_nonce", "Resend with the nonce of the DPoP-Nonce header",
                AuthOutcome.DPOP_NONCE, true);
    }

    /** A token bound to a DPoP key presented as a bearer token: no downgrade (RFC 9449 §7.2). */
    public static AuthError boundTokenAsBearer() {
        return new AuthError(UNAUTHORIZED, "invalid_token", "The token is bound to a DPoP key: send it as "
                + "Authorization: DPoP with a DPoP proof", AuthOutcome.DPOP_DOWNGRADE, true);
    }

    /** A token not bound to a key where a bound one is needed: with the DPoP scheme, or where DPoP is required. */
    public static AuthError unboundToken(String why) {
        return new AuthError(UNAUTHORIZED, "invalid_token", why, AuthOutcome.DPOP_UNBOUND, true);
    }

    /** The replay cache of DPoP proofs cannot vouch for a proof (a shared store is unreachable, or memory is full). */
    public static AuthError dpopReplayUnavailable() {
        return new AuthError(SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "DPoP proof replay status is unavailable, try again shortly", AuthOutcome.UNAVAILABLE, true);
    }

    /** The revoked set could not take a revocation (a shared store is unreachable): it is not recorded. */
    public static AuthError revocationNotRecorded() {
        return new AuthError(SERVICE_UNAVAILABLE, "temporarily_unavailable",
                "The revocation could not be recorded, try again", AuthOutcome.UNAVAILABLE);
    }

    /** An endpoint of ours asked with a method it does not serve; RFC 6749 has no code for that, so invalid_request. */
    public static AuthError methodNotAllowed(String what) {
        return new AuthError(METHOD_NOT_ALLOWED, "invalid_request", what, AuthOutcome.INVALID_REQUEST);
    }

    /** This refusal with the DPoP challenge: the request used the DPoP scheme, or the route asks for it. */
    public AuthError inDpopScheme() {
        return dpop ? this : new AuthError(status, code, description, outcome, true);
    }

    /**
     * This refusal as a token endpoint answers it: a proof's faults are 400 there (RFC 9449 §5), 401 on the routes.
     */
    public AuthError atTokenEndpoint() {
        return dpop && status == UNAUTHORIZED ? new AuthError(BAD_REQUEST, code, description, outcome, true) : this;
    }

    private static AuthError invalidToken(AuthOutcome outcome, String why) {
        return new AuthError(UNAUTHORIZED, "invalid_token", why, outcome);
    }

    /** Whether the response carries a {@code WWW-Authenticate} challenge: only refusals of the credentials do. */
    public boolean isChallenge() {
        return status == UNAUTHORIZED || status == FORBIDDEN || status == BAD_REQUEST;
    }

    /**
     * The {@code WWW-Authenticate} value: attributes after the realm only when credentials were sent (RFC 6750 §3);
     * a DPoP challenge names the proof algorithms accepted, {@code algs} (RFC 9449 §7.1).
     */
    public String challenge(String realm, String dpopAlgorithms) {
        String base = (dpop ? "DPoP" : "Bearer") + " realm=\"%s\"".formatted(realm);
        String error = code == null ? "" : ", error=\"%s\", error_description=\"%s\"".formatted(code, description);
        return dpop ? base + error + ", algs=\"" + dpopAlgorithms + "\"" : base + error;
    }

    public <T> Mono<T> reject() {
        return Mono.error(new AuthException(this));
    }
}
