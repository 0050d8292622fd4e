package io.jwtgateway.gateway.server;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers a request whose body broke off ({@link BrokenBody}, however deep it is wrapped) with its 400 or 408 problem
 * detail, when the response has not begun; the connection is closed after it. Anything else passes on.
 */
@Component
class BrokenBodyErrorHandler implements WebExceptionHandler, Ordered {


    private final RefusalWriter problems;

    BrokenBodyErrorHandler(RefusalWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BrokenBody broken && !exchange.getResponse().isCommitted()) {
                ConnectionRefusal refusal = broken.refusal();
                exchange.getResponse().getHeaders().setConnection("close");   // what follows cannot be trusted
                return problems.write(exchange, refusal.status(), refusal.detail(), null);
            }
        }
        return Mono.error(failure);
    }

    @Override
    public int getOrder() {
        return FilterOrder.BROKEN_BODY_HANDLER;
    }
}
