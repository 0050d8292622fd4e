package io.jwtgateway.gateway.routing;

import java.util.List;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;

/**
 * Spring Cloud Gateway's route builder, for {@link RouteTrial}, under a logger of its own (its class name):
 * application.yml keeps it quiet, as the predicate factories it lists when made are listed at startup already, and
 * a route it cannot build is the trial's answer, not an error to log.
 */
final class TrialRouteLocator extends RouteDefinitionRouteLocator {

    @SuppressWarnings("rawtypes")           // the factory types Spring Cloud Gateway's own locator takes
    TrialRouteLocator(RouteDefinitionLocator candidates, List<RoutePredicateFactory> predicates,
            List<GatewayFilterFactory> filters, GatewayProperties gateway, ConfigurationService binding) {
        super(candidates, predicates, filters, gateway, binding);
    }
}
