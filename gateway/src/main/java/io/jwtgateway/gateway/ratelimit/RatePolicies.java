package io.jwtgateway.gateway.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every rate policy, made once at startup from {@code gateway.rate-limit.*}. A route's own limit is found by its id,
 * whether the route is configured or added at runtime. Once the routes are built, and whenever it changes, each limited
 * route id that no route has is logged as a warning: a typo must not leave a route unlimited unnoticed, yet it is no
 * startup failure, since the route may be added at runtime.
 */
@Component
public class RatePolicies {

    private static final Logger log = LoggerFactory.getLogger(RatePolicies.class);

    static final String AUTH_ENDPOINTS = "auth-endpoints";
    static final String DEFAULT = "default";
    static final String ROUTE_PREFIX = "route:";

    private final @Nullable RatePolicy authEndpoints;
    private final @Nullable RatePolicy defaultPolicy;
    private final Map<String, RatePolicy> byRoute;
    private volatile Set<String> unmatched = Set.of();

    RatePolicies(RateLimitProperties properties) {
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

    /** Reads the ids of the routes just built, the configured ones and those added at runtime. */
    @EventListener
    void checkRouteIds(RefreshRoutesResultEvent event) {
        if (event.isSuccess() && event.getSource() instanceof RouteLocator routes) {
            routes.getRoutes()                                  // the routes just cached: no route is built again
                    .map(Route::getId)
                    .collect(Collectors.toCollection(TreeSet::new))
                    .subscribe(this::warnOfUnmatched);
        }
    }

    private void warnOfUnmatched(Set<String> routeIds) {
        Set<String> now = new TreeSet<>(byRoute.keySet());
        now.removeAll(routeIds);
        if (!now.equals(unmatched)) {
            unmatched = Set.copyOf(now);
            if (!now.isEmpty()) {
                log.warn("gateway.rate-limit.routes names route ids no route has: {} (routes: {}); each limit applies "
                        + "once a route with its id is added", now, routeIds);
            }
        }
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
