package io.jwtgateway.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.refusal.RefusalCode;
import io.jwtgateway.gateway.refusal.Rejection;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.cloud.gateway.actuate.GatewayControllerEndpoint;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's {@code gateway} endpoint with its route changes answered by {@link RuntimeRoutes}: the same
 * paths and methods, every other operation its own. Spring Cloud Gateway's save checks a few things itself first (an
 * unknown filter or predicate, a URI without a scheme) and answers them with its own message, one at a time, and its
 * bulk save stores the routes before a bad one; here every route is checked before anything is stored, and every
 * refusal, an unknown id included, is a problem detail listing each thing wrong. A saved route's {@code Location} is its
 * address under the actuator.
 */
class CheckedGatewayEndpoint extends GatewayControllerEndpoint {

    private final RuntimeRoutes routes;
    private final String basePath;

    @SuppressWarnings("rawtypes")               // the factory types Spring Cloud Gateway's endpoint takes
    CheckedGatewayEndpoint(RuntimeRoutes routes, List<GlobalFilter> globalFilters,
            List<GatewayFilterFactory> gatewayFilters, List<RoutePredicateFactory> routePredicates,
            RouteLocator routeLocator, RouteDefinitionLocator routeDefinitionLocator,
            WebEndpointProperties webEndpointProperties) {
        super(globalFilters, gatewayFilters, routePredicates, routes, routeLocator, routeDefinitionLocator,
                webEndpointProperties);
        this.routes = routes;
        this.basePath = webEndpointProperties.getBasePath();
    }

    /** Adds or replaces the route {@code id}: 201 once this replica serves it. */
    @Override
    @PostMapping("/routes/{id}")
    public Mono<ResponseEntity<Object>> save(@PathVariable String id, @RequestBody RouteDefinition route) {
        route.setId(id);
        return routes.save(Mono.just(route))
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create(basePath + "/gateway/routes/" + id))
                        .build()));
    }

    /** Adds or replaces every route listed, each with its {@code id}, when all of them pass. */
    @Override
    @PostMapping("/routes")
    public Mono<ResponseEntity<Object>> save(@RequestBody List<RouteDefinition> list) {
        return routes.saveAll(list)
                .then(Mono.fromSupplier(() -> ResponseEntity.ok().build()));
    }

    /** Removes the route {@code id}, when it was added at runtime. */
    @Override
    @DeleteMapping("/routes/{id}")
    public Mono<ResponseEntity<Object>> delete(@PathVariable String id) {
        return routes.delete(Mono.just(id))
                .then(Mono.fromSupplier(() -> ResponseEntity.ok().build()));
    }

    /** The route {@code id} as this replica serves it; a problem detail when none has that id. */
    @Override
    @GetMapping("/routes/{id}")
    public Mono<ResponseEntity<Map<String, Object>>> route(@PathVariable String id) {
        return super.route(id)
                .filter(found -> !found.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND))
                .switchIfEmpty(Mono
                        .defer(() -> Rejection.notFound(RefusalCode.ROUTE_NOT_FOUND, "No route has this id").reject()));
    }
}
