package io.jwtgateway.gateway.ratelimit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * Every rate policy, made once at startup from {@code gateway.rate-limit.*}. A route id under
 * {@code gateway.rate-limit.routes} that names no route stops the process: a typo must not leave a route unlimited.
 */
@Component
public class RatePolicies {

    static final String AUTH_ENDPOINTS = "auth-endpoints";
    static final String DEFAULT = "default";
    static final String ROUTE_PREFIX = "route:";

    private final @Nullable RatePolicy authEndpoints;
    private final @Nullable RatePolicy defaultPolicy;
    private final Map<String, RatePolicy> byRoute;

    RatePolicies(RateLimitProperties properties, GatewayProperties gateway) {
        ConfigurationProblems problems = new ConfigurationProblems();
        problems.addAll(problems(properties.routes().keySet(), gateway.getRoutes()));
        problems.throwIfAny();
        Map<String, RatePolicy> routes = new HashMap<>();
        properties.routes().forEach((routeId, limit) -> routes.put(routeId,
                RatePolicy.of(ROUTE_PREFIX + routeId, limit)));
        this.byRoute = Map.copyOf(routes);
        Limit fallback = properties.defaultLimit();
        this.defaultPolicy = fallback == null ? null : RatePolicy.of(DEFAULT, fallback);
        this.authEndpoints = properties.authEndpoints().enabled()
                ? RatePolicy.of(AUTH_ENDPOINTS, properties.authEndpoints().limit())
                : null;
    }

    /**
     * Every id under {@code gateway.rate-limit.routes} that no route has, named by its property, such as
     * {@code gateway.rate-limit.routes.pubilc}; empty when each names a route.
     */
    public static List<ConfigurationProblem> problems(Collection<String> limitedRouteIds,
            List<RouteDefinition> routes) {
        Set<String> routeIds = routes.stream().map(RouteDefinition::getId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        ConfigurationProblems problems = new ConfigurationProblems();
        for (String routeId : new TreeSet<>(limitedRouteIds)) {        // sorted: the same report on every start
            if (!routeIds.contains(routeId)) {
                problems.add("gateway.rate-limit.routes." + routeId, "no route has the id '" + routeId
                        + "' (routes: " + routeIds + ")");
            }
        }
        return problems.list();
    }

    /** The route's own policy, else the default one; null when the route is not limited. A map lookup, no more. */
    @Nullable RatePolicy forRoute(String routeId) {
        RatePolicy own = byRoute.get(routeId);
        return own != null ? own : defaultPolicy;
    }

    /** The policy of the token endpoints; null when disabled. */
    @Nullable RatePolicy authEndpoints() {
        return authEndpoints;
    }

    /** Every policy, for a store that must know them in advance. */
    List<RatePolicy> all() {
        List<RatePolicy> all = new ArrayList<>(byRoute.values());
        if (defaultPolicy != null) {
            all.add(defaultPolicy);
        }
        if (authEndpoints != null) {
            all.add(authEndpoints);
        }
        return all;
    }
}
