package io.jwtgateway.gateway.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.verify.AuthOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why {@code /oauth2/token} refused a request, as an RFC 6749 §5.2 error. Only the named factories create one, and
 * every description is fixed text of ours: never the input echoed back, never the client secret.
 *
 * @param status      400, or 401 for {@code invalid_client}
 * @param error       the RFC 6749 §5.2 error code
 * @param description the {@code error_description}, safe to show
 * @param outcome     the decision, for the metrics and the access log
 */
record OAuthError(HttpStatus status, String error, String description, AuthOutcome outcome) {

    static OAuthError invalidRequest(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_request", description, AuthOutcome.INVALID_REQUEST);
    }

    /**
     * Unknown client, wrong secret, no or an unsupported client authentication: all look the same to the client;
     * {@code outcome} tells them apart for the operator (missing, invalid_api_key, invalid_request).
     */
    static OAuthError invalidClient(AuthOutcome outcome, String description) {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_client", description, outcome);
    }

    static OAuthError unsupportedGrantType() {
        return new OAuthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                "only the client_credentials grant is supported", AuthOutcome.INVALID_REQUEST);
    }

    /** A client asking for a scope it was not granted: refused as a missing scope is on a route. */
    static OAuthError invalidScope() {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_scope",
                "scope must be space-separated scopes, each granted to this client", AuthOutcome.FORBIDDEN);
    }

    /** The method is wrong; RFC 6749 has no code for that, and a request in the wrong form is invalid. */
    static OAuthError methodNotAllowed() {
        return new OAuthError(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request", "the token endpoint accepts POST only",
                AuthOutcome.INVALID_REQUEST);
    }

    Body body(@Nullable String requestId) {
        return new Body(error, description, requestId);
    }

    <T> Mono<T> reject() {
        return Mono.error(new Carrier(this));
    }

    /**
     * The JSON body of RFC 6749 §5.2, plus the request id (§5.2 leaves room for more members; clients ignore them).
     *
     * @param error       the error code
     * @param description the {@code error_description}
     * @param requestId   the {@code X-Request-Id}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String error, @JsonProperty("error_description") String description,
                @JsonProperty("request_id") @Nullable String requestId) {
    }

    /** Carries the error through a {@code Mono}; no stack trace, no logic. */
    static final class Carrier extends RuntimeException {
        private final OAuthError error;

        Carrier(OAuthError error) {
            super(error.error(), null, false, false);
            this.error = error;
        }

        OAuthError error() {
            return error;
        }
    }
}
