package io.jwtgateway.gateway.routing;

import io.jwtgateway.gateway.http.FilterOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's route lookup, tried once more ahead of every other handler mapping
 * ({@link FilterOrder#ROUTES_FIRST}): a routed request, nearly every request a gateway serves, no longer goes through
 * the actuator's and the gateway's own endpoint mappings first. It steps aside on every path a later mapping serves
 * ({@link ReservedPaths}, read from those mappings once they are built), so no route, a catch-all {@code /**} included,
 * can shadow the token, OAuth2, discovery, playground or actuator endpoints; on those paths, and on paths no route
 * matches, the mappings run as in Spring Cloud Gateway, its own route mapping last.
 */
final class RoutesFirstHandlerMapping implements HandlerMapping, Ordered, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RoutesFirstHandlerMapping.class);

    private final RoutePredicateHandlerMapping routes;
    private final ObjectProvider<HandlerMapping> mappings;
    private volatile ReservedPaths reserved = ReservedPaths.everything("not started");

    RoutesFirstHandlerMapping(RoutePredicateHandlerMapping routes, ObjectProvider<HandlerMapping> mappings) {
        this.routes = routes;
        this.mappings = mappings;
    }

    /** Reads the paths of the other mappings, those tried before the gateway's own route mapping. */
    @Override
    public void afterSingletonsInstantiated() {
        ReservedPaths paths = ServedPaths.of(mappings.orderedStream()
                .filter(mapping -> mapping != this && !(mapping instanceof RoutePredicateHandlerMapping))
                .toList());
        if (paths.isEverything()) {
            log.info("Gateway routes are looked up after the other handler mappings: the paths of {} cannot be "
                    + "listed", paths.whyEverything());
        }
        reserved = paths;
    }

    ReservedPaths reserved() {
        return reserved;
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        if (reserved.contains(exchange.getRequest().getPath())) {
            return Mono.empty();
        }
        return routes.getHandler(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.ROUTES_FIRST;
    }
}
