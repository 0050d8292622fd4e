package io.jwtgateway.gateway.backend;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.event.EventListener;

/**
 * Says, once per route, when the routes are loaded (at startup, and as routes are added at runtime), which routes
 * take Spring Cloud Gateway's routing filter rather than the gateway's because of a filter of theirs
 * ({@link RoutingFilters#unknownFilter}).
 */
class RoutingFilterFallbacks {

    private static final Logger log = LoggerFactory.getLogger(RoutingFilterFallbacks.class);

    private final ObjectProvider<GlobalFilter> globalFilters;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    RoutingFilterFallbacks(ObjectProvider<GlobalFilter> globalFilters) {
        this.globalFilters = globalFilters;
    }

    @EventListener
    void routesLoaded(RefreshRoutesResultEvent event) {
        boolean gatewaysOwn = globalFilters.stream()
                .anyMatch(filter -> filter instanceof RoutingFilters routing && routing.gatewaysOwn() != null);
        if (gatewaysOwn && event.isSuccess() && event.getSource() instanceof RouteLocator routes) {
            routes.getRoutes().subscribe(this::sayIfUnknown);    // the routes just cached: none is built again
        }
    }

    private void sayIfUnknown(Route route) {
        GatewayFilter unknown = RoutingFilters.unknownFilter(route);
        if (unknown != null && said.add(route.getId())) {
            log.info("Route {} takes Spring Cloud Gateway's routing filter: its filter {} is of a kind the gateway's"
                    + " routing filter does not know", route.getId(), unknown.getClass().getName());
        }
    }
}
