package io.jwtgateway.gateway.routing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.ConfigurationService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Builds a route definition the way Spring Cloud Gateway builds its routes, with its own predicate and filter
 * factories and default filters, to learn before a route is kept whether it can be built. Spring Cloud Gateway builds
 * every route again on each refresh and keeps its old routes when one fails, so a route that cannot be built would stop
 * every later change on every replica. A trial publishes nothing: its binding has no event publisher, so a refused
 * route leaves no trace (a {@code Weight} predicate's group, for one).
 */
final class RouteTrial {

    private static final String CANDIDATE = RouteTrial.class.getName();

    private final TrialRouteLocator builder;
    private final Set<String> predicates;
    private final Set<String> filters;
    private final @Nullable PathRoutePredicateFactory paths;     // none when the Path predicate is turned off
    private final ConfigurationService binding;

    @SuppressWarnings("rawtypes")           // the factory types Spring Cloud Gateway's own locator takes
    RouteTrial(List<RoutePredicateFactory> predicates, List<GatewayFilterFactory> filters, GatewayProperties gateway,
            ConfigurationService binding) {
        this.builder = new TrialRouteLocator(
                () -> Flux.deferContextual(context -> Flux.just(context.<RouteDefinition>get(CANDIDATE))),
                predicates, filters, gateway, binding);
        this.predicates = predicates.stream().map(RoutePredicateFactory::name).collect(Collectors.toSet());
        this.filters = filters.stream().map(GatewayFilterFactory::name).collect(Collectors.toSet());
        this.paths = predicates.stream()
                .filter(PathRoutePredicateFactory.class::isInstance)
                .map(PathRoutePredicateFactory.class::cast)
                .findFirst()
                .orElse(null);
        this.binding = binding;
    }

    boolean hasPredicate(String name) {
        return predicates.contains(name);
    }

    boolean hasFilter(String name) {
        return filters.contains(name);
    }

    /**
     * Whether Spring Cloud Gateway can build the route: any failure while it binds the arguments of a predicate or a
     * filter, or applies them, means it cannot.
     */
    Mono<Boolean> builds(RouteDefinition route) {
        return builder.getRoutes()
                .contextWrite(Context.of(CANDIDATE, route))
                .hasElements()                              // none when it is told to skip a route it cannot build
                .onErrorReturn(false);
    }

    /** The patterns of a {@code Path} predicate that {@link #builds}, bound as the predicate binds them. */
    List<String> pathPatterns(PredicateDefinition path) {
        if (paths == null) {
            throw new IllegalStateException("The Path predicate is turned off: no Path predicate builds");
        }
        PathRoutePredicateFactory.Config config = binding.with(paths)
                .name(path.getName())
                .properties(path.getArgs())
                .bind();
        return config.getPatterns();
    }
}
