package io.jwtgateway.gateway.refusal;

import java.util.Optional;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.FailureAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * The last error handler: every failure the handlers before it leave becomes a problem detail from
 * {@link RefusalWriter}, the shape of every other refusal, in place of Spring Boot's error JSON (Boot creates its own
 * handler only when no {@link ErrorWebExceptionHandler} exists). A path no route or endpoint serves is a 404, a method
 * an actuator endpoint does not take a 405 with its {@code Allow} header: the status and headers the failure names
 * ({@link ErrorResponse}), an operator's request refused for its input the {@link Rejection} it carries, and else
 * 500. The detail is our own fixed text, never the exception's message, which may
 * quote the request; a 5xx is logged with its stack trace for the operator. The actuator on a management port of its
 * own answers with it too: that context has no error handler of its own and uses its parent's.
 */
@Component
class ProblemErrorHandler implements ErrorWebExceptionHandler, FailureAnswer, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final RefusalWriter refusals;

    ProblemErrorHandler(RefusalWriter refusals) {
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Optional<HttpStatus> answerable = statusFor(exchange, failure);
        if (answerable.isEmpty()) {
            return Mono.error(failure);                         // the server closes the connection, as it would
        }
        if (failure instanceof RejectionException rejected) {
            return refusals.write(exchange, rejected.rejection());      // an expected outcome: nothing to log
        }
        HttpStatus status = answerable.get();
        if (status.is5xxServerError()) {
            log.error("{} {} answered {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status.value(), failure);
        }
        if (failure instanceof ErrorResponse response) {
            exchange.getResponse().getHeaders().putAll(response.getHeaders());      // Allow, Accept
        }
        return refusals.write(exchange, status, detail(status));
    }

    /** Every failure while the response can still be written and someone is there to read it. */
    @Override
    public Optional<HttpStatus> statusFor(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            return Optional.empty();
        }
        if (failure instanceof RejectionException rejected) {
            return Optional.of(rejected.rejection().status());
        }
        HttpStatus named = failure instanceof ErrorResponse response
                ? HttpStatus.resolve(response.getStatusCode().value())
                : null;
        return Optional.of(named == null ? HttpStatus.INTERNAL_SERVER_ERROR : named);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No route or endpoint serves this path";
            case METHOD_NOT_ALLOWED -> "This path does not take this method";
            case INTERNAL_SERVER_ERROR -> "The gateway failed to answer this request";
            default -> status.getReasonPhrase();
        };
    }

    @Override
    public int getOrder() {
        return FilterOrder.PROBLEM_ERROR_HANDLER;
    }
}
