package io.jwtgateway.gateway.policy;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The policy of each route, from its metadata. Every configured route's policy is read at startup, so a typo in
 * {@code auth} or {@code roles} stops the process instead of opening or closing a route by accident.
 */
@Component
public class RoutePolicies {

    RoutePolicies(GatewayProperties gateway) {
        for (RouteDefinition route : gateway.getRoutes()) {
            try {
                Requirement.from(route.getMetadata());
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException("spring.cloud.gateway.server.webflux.routes[id=%s]: %s"
                        .formatted(route.getId(), ex.getMessage()), ex);
            }
        }
    }

    /** The requirement of the route this exchange matched; a request outside any route needs a valid token. */
    public Requirement requirementFor(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route == null ? Requirement.AUTHENTICATED : Requirement.from(route.getMetadata());
    }
}
