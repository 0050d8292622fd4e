package io.jwtgateway.gateway.backend;

import java.util.Optional;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.FailureAnswer;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers a request no backend could serve with a 502, 503 or 504 problem detail, instead of a 500 and a stack
 * trace: a backend being down is an expected outcome for the gateway, which stays healthy. One warning line is logged.
 * Every other failure passes on to the next handler.
 */
@Component
class BackendErrorHandler implements WebExceptionHandler, FailureAnswer, Ordered {

    private static final Logger log = LoggerFactory.getLogger(BackendErrorHandler.class);

    private final RefusalWriter refusals;

    BackendErrorHandler(RefusalWriter refusals) {
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        return BackendFailure.of(exchange, failure)
                .filter(known -> !exchange.getResponse().isCommitted())
                .map(known -> answer(exchange, known, failure))
                .orElseGet(() -> Mono.error(failure));
    }

    @Override
    public Optional<HttpStatus> statusFor(ServerWebExchange exchange, Throwable failure) {
        return BackendFailure.of(exchange, failure)
                .filter(known -> !exchange.getResponse().isCommitted())
                .map(BackendFailure::status);
    }

    private Mono<Void> answer(ServerWebExchange exchange, BackendFailure known, Throwable failure) {
        log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                known.status().value(), BackendFailure.describe(failure));
        return refusals.write(exchange, known.status(), known.detail(), known.code());
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_FAILURE_HANDLER;
    }
}
