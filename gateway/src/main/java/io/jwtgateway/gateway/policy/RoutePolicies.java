package io.jwtgateway.gateway.policy;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.util.List;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
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

    /** Where the routes are configured. */
    public static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

    RoutePolicies(GatewayProperties gateway) {
        ConfigurationProblems problems = new ConfigurationProblems();
        problems.addAll(problems(gateway.getRoutes()));
        problems.throwIfAny();
    }

    /**
     * Every route whose policy is unclear, each named by the metadata property at fault, such as
     * {@code spring.cloud.gateway.server.webflux.routes[2].metadata.roles}; empty when all are clear.
     */
    public static List<ConfigurationProblem> problems(List<RouteDefinition> routes) {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < routes.size(); i++) {
            RouteDefinition route = routes.get(i);
            try {
                Requirement.from(route.getMetadata());
            } catch (Requirement.UnclearPolicy ex) {
                String which = route.getId() == null ? "" : " (route '" + route.getId() + "')";
                problems.add(ROUTES + "[" + i + "].metadata." + ex.key(), ex.reason() + which);
            }
        }
        return problems.list();
    }

    /** The requirement of the route this exchange matched; a request outside any route needs a valid token. */
    public Requirement requirementFor(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route == null ? Requirement.AUTHENTICATED : Requirement.from(route.getMetadata());
    }
}
