package io.jwtgateway.gateway.observe;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * The status an error handler of ours answers a failure with. The access log finishes its line as the failure leaves
 * the filters, before any error handler has set a status, so it asks them: a backend that could not be reached is
 * logged as the 503 the client got, not as a 500.
 */
public interface FailureAnswer {

    /** The status this handler answers {@code failure} with; empty when the failure is not its own. */
    Optional<HttpStatus> statusFor(ServerWebExchange exchange, Throwable failure);
}
