package io.jwtgateway.gateway.server;

import java.util.Optional;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.FailureAnswer;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers a request whose body broke off ({@link BrokenBody}, however deep it is wrapped) with its 400 or 408 problem
 * detail, when the response has not begun; the connection is closed after it. Anything else passes on.
 */
@Component
class BrokenBodyErrorHandler implements WebExceptionHandler, FailureAnswer, Ordered {

    private final RefusalWriter refusals;

    BrokenBodyErrorHandler(RefusalWriter refusals) {
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        return refusalOf(exchange, failure)
                .map(refusal -> answer(exchange, refusal))
                .orElseGet(() -> Mono.error(failure));
    }

    @Override
    public Optional<HttpStatus> statusFor(ServerWebExchange exchange, Throwable failure) {
        return refusalOf(exchange, failure).map(ConnectionRefusal::status);
    }

    private Mono<Void> answer(ServerWebExchange exchange, ConnectionRefusal refusal) {
        exchange.getResponse().getHeaders().setConnection("close");       // what follows cannot be trusted
        return refusals.write(exchange, refusal.status(), refusal.detail());
    }

    private static Optional<ConnectionRefusal> refusalOf(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Optional.empty();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BrokenBody broken) {
                return Optional.of(broken.refusal());
            }
        }
        return Optional.empty();
    }

    @Override
    public int getOrder() {
        return FilterOrder.BROKEN_BODY_HANDLER;
    }
}
