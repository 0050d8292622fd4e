package io.jwtgateway.gateway.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's one web filter: runs its {@link FrontStep}s in order, then the handler. One filter instead of one per
 * step, so that a request pays a step's hop (a {@code Mono} deferred and subscribed in WebFlux's filter chain) only
 * where the step has something to do, which for most steps and most requests is never.
 */
@Component
class FrontDoor implements WebFilter, Ordered {

    private final FrontStep[] steps;

    FrontDoor(List<FrontStep> steps) {
        this.steps = steps.toArray(FrontStep[]::new);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return from(0, exchange, chain);
    }

    private Mono<Void> from(int first, ServerWebExchange exchange, WebFilterChain chain) {
        for (int i = first; i < steps.length; i++) {
            if (steps[i].appliesTo(exchange)) {
                int next = i + 1;
                return steps[i].filter(exchange, later -> from(next, later, chain));
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.FRONT_DOOR;
    }
}
