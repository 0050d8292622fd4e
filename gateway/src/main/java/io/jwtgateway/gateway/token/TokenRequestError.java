package io.jwtgateway.gateway.token;

import io.jwtgateway.gateway.verify.AuthOutcome;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why the token endpoint refused a request. Messages are fixed text of ours, never the input echoed back.
 *
 * @param status  400 for a request we cannot read, 401 for a key we do not know, 405 for a wrong method
 * @param message the envelope's {@code message}
 * @param outcome the decision, for the metrics and the access log
 */
record TokenRequestError(HttpStatus status, String message, AuthOutcome outcome) {

    static TokenRequestError badRequest(String message) {
        return new TokenRequestError(HttpStatus.BAD_REQUEST, message, AuthOutcome.INVALID_REQUEST);
    }

    /** A request that carries no API key at all: still a 400, as the seed answers it. */
    static TokenRequestError missingApiKey(String message) {
        return new TokenRequestError(HttpStatus.BAD_REQUEST, message, AuthOutcome.MISSING);
    }

    static TokenRequestError invalidApiKey() {
        return new TokenRequestError(HttpStatus.UNAUTHORIZED, "invalid api key", AuthOutcome.INVALID_API_KEY);
    }

    static TokenRequestError methodNotAllowed() {
        return new TokenRequestError(HttpStatus.METHOD_NOT_ALLOWED,
                "use POST (or GET) with a JSON body, or the X-API-Key header", AuthOutcome.INVALID_REQUEST);
    }

    <T> Mono<T> reject() {
        return Mono.error(new Carrier(this));
    }

    /** Carries the error through a {@code Mono}; no stack trace, no logic. */
    static final class Carrier extends RuntimeException {
        private final TokenRequestError error;

        Carrier(TokenRequestError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        TokenRequestError error() {
            return error;
        }
    }
}
