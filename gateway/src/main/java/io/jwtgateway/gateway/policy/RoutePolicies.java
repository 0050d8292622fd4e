package io.jwtgateway.gateway.policy;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.policy.Requirement.UnclearPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The policy of each route, from its metadata. Every configured route's policy is checked at startup, so a typo in
 * {@code auth} or {@code roles} stops the process instead of opening or closing a route by accident. Each route's
 * metadata is read once, when the routes are built (at startup and on every refresh), and looked up by route id per
 * request.
 */
@Component
public class RoutePolicies {

    /** Where the routes are configured. */
    public static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

    /** By route id; replaced whole when the routes are built again, so removed routes are forgotten. */
    private volatile Map<String, Read> byId = new ConcurrentHashMap<>();

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
            String which = route.getId() == null ? "" : " (route '" + route.getId() + "')";
            for (ConfigurationProblem problem : problems(route)) {
                problems.add(ROUTES + "[" + i + "]." + problem.property(), problem.reason() + which);
            }
        }
        return problems.list();
    }

    /**
     * What is unclear in one route's policy, each key at fault named as {@code metadata.auth}, {@code metadata.roles},
     * …; empty when the policy is clear.
     */
    public static List<ConfigurationProblem> problems(RouteDefinition route) {
        Map<String, Object> metadata = route.getMetadata() == null ? Map.of() : route.getMetadata();
        return Requirement.unclear(metadata, route.getUri()).stream()
                .map(unclear -> new ConfigurationProblem("metadata." + unclear.key(), unclear.reason()))
                .toList();
    }

    /**
     * The requirement of the route this exchange matched; a request outside any route needs a valid token. A lookup
     * and a comparison: nothing is parsed or allocated, unless the route was built after the routes were last read.
     *
     * @throws UnclearPolicy when the route's metadata is unclear (a route from elsewhere than the checked
     *                       configuration): the request fails rather than guess
     */
    public Requirement requirementFor(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return Requirement.AUTHENTICATED;
        }
        Read read = byId.get(route.getId());
        if (read == null || read.route() != route) {          // built since the last read, as in a refresh: read now
            read = Read.of(route);
            byId.put(route.getId(), read);
        }
        return read.requirementOrRefuse();
    }

    /** Reads every route once the routes are built; the caching route locator that built them is the source. */
    @EventListener
    void readAll(RefreshRoutesResultEvent event) {
        if (event.isSuccess() && event.getSource() instanceof RouteLocator routes) {
            routes.getRoutes()                                  // the routes just cached: no route is built again
                    .collectMap(Route::getId, Read::of, ConcurrentHashMap::new)
                    .subscribe(all -> byId = all);
        }
    }

    /**
     * A route and what it asks, read from its metadata; no requirement when the metadata is unclear. The route is kept
     * to tell it from a route of the same id built later with other metadata.
     */
    private record Read(Route route, @Nullable Requirement requirement) {

        static Read of(Route route) {
            try {
                return new Read(route, Requirement.from(route.getMetadata(), route.getUri()));
            } catch (UnclearPolicy ex) {
                return new Read(route, null);
            }
        }

        /** Unclear metadata, read again, throws why: a new exception each time, as Reactor adds its traces to one. */
        Requirement requirementOrRefuse() {
            return requirement != null ? requirement : Requirement.from(route.getMetadata(), route.getUri());
        }
    }
}
