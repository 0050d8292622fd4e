package io.jwtgateway.gateway.management;

import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.observe.RequestId;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * On a management port of its own, which asks no token, the actor of a change is the port: puts
 * {@value Actor#MANAGEMENT_PORT} and the request's id in the Reactor context, where the operator endpoints that audit a
 * change find it ({@link Actor#current}). Last of the management context's filters, so the request has its id; in that
 * context only ({@link ManagementPortActorConfiguration}), never on the main port, where
 * {@link OperatorEndpointGuard} names the admin.
 */
final class ManagementPortActor implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).contextWrite(new Actor(Actor.MANAGEMENT_PORT, RequestId.of(exchange)).context());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
