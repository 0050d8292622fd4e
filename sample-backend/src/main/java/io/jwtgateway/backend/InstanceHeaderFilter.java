package io.jwtgateway.backend;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Adds {@code X-Backend-Instance} to every response, so a caller can see which replica answered. */
@Component
class InstanceHeaderFilter implements WebFilter {

    static final String HEADER = "X-Backend-Instance";

    private final InstanceId instanceId;

    InstanceHeaderFilter(InstanceId instanceId) {
        this.instanceId = instanceId;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().getHeaders().set(HEADER, instanceId.value());
        return chain.filter(exchange);
    }
}
