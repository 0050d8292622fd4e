package io.jwtgateway.gateway.token;

import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why the token endpoint refused a request. Messages are fixed text of ours, never the input echoed back.
 *
 * @param status  400 for a request we cannot read, 401 for a key we do not know
 * @param message the envelope's {@code message}
 */
record TokenRequestError(HttpStatus status, String message) {

    static TokenRequestError badRequest(String message) {
        return new TokenRequestError(HttpStatus.BAD_REQUEST, message);
    }

    static TokenRequestError invalidApiKey() {
        return new TokenRequestError(HttpStatus.UNAUTHORIZED, "invalid api key");
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
