package io.jwtgateway.gateway.routing;

import io.jwtgateway.gateway.http.FrameworkBeanReplacement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.cloud.gateway.actuate.GatewayControllerEndpoint;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Puts {@link CheckedGatewayEndpoint} in the place of Spring Cloud Gateway's {@code gateway} endpoint, built from the
 * same filters, factories, locators and properties. Spring Cloud Gateway creates its endpoint whether or not another
 * exists, and two endpoints cannot share its id.
 */
class GatewayEndpointReplacement extends FrameworkBeanReplacement<GatewayControllerEndpoint> {

    private final ObjectProvider<RuntimeRoutes> routes;
    private final ObjectProvider<GlobalFilter> globalFilters;
    @SuppressWarnings("rawtypes")
    private final ObjectProvider<GatewayFilterFactory> gatewayFilters;
    @SuppressWarnings("rawtypes")
    private final ObjectProvider<RoutePredicateFactory> routePredicates;
    private final ObjectProvider<RouteLocator> routeLocator;
    private final ObjectProvider<RouteDefinitionLocator> routeDefinitionLocator;
    private final ObjectProvider<WebEndpointProperties> webEndpointProperties;
    private final ObjectProvider<ApplicationEventPublisher> events;

    @SuppressWarnings("rawtypes")
    GatewayEndpointReplacement(ObjectProvider<RuntimeRoutes> routes, ObjectProvider<GlobalFilter> globalFilters,
            ObjectProvider<GatewayFilterFactory> gatewayFilters, ObjectProvider<RoutePredicateFactory> routePredicates,
            ObjectProvider<RouteLocator> routeLocator, ObjectProvider<RouteDefinitionLocator> routeDefinitionLocator,
            ObjectProvider<WebEndpointProperties> webEndpointProperties,
            ObjectProvider<ApplicationEventPublisher> events) {
        super(GatewayControllerEndpoint.class);
        this.routes = routes;                       // looked up late: post-processors are created before beans
        this.globalFilters = globalFilters;
        this.gatewayFilters = gatewayFilters;
        this.routePredicates = routePredicates;
        this.routeLocator = routeLocator;
        this.routeDefinitionLocator = routeDefinitionLocator;
        this.webEndpointProperties = webEndpointProperties;
        this.events = events;
    }

    @Override
    protected Object replace(GatewayControllerEndpoint bean) {
        CheckedGatewayEndpoint endpoint = new CheckedGatewayEndpoint(routes.getObject(),
                globalFilters.orderedStream().toList(), gatewayFilters.orderedStream().toList(),
                routePredicates.orderedStream().toList(), routeLocator.getObject(),
                routeDefinitionLocator.getObject(), webEndpointProperties.getObject());
        endpoint.setApplicationEventPublisher(events.getObject());     // its refresh publishes an event
        return endpoint;
    }
}
