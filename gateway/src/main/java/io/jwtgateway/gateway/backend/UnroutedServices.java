package io.jwtgateway.gateway.backend;

import java.util.Set;
import java.util.TreeSet;

import io.jwtgateway.gateway.config.ServicesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.event.EventListener;

/**
 * Warns of each service of {@code gateway.services} that no route sends to, once the routes are built and whenever
 * that set changes: a typo in a route's {@code lb://} name is refused, but a service nobody sends to may be one too.
 * It is no startup failure, since routes added at runtime may send to it.
 */
final class UnroutedServices {

    private static final Logger log = LoggerFactory.getLogger(UnroutedServices.class);

    private final Set<String> services;
    private volatile Set<String> unrouted = Set.of();

    UnroutedServices(ServicesProperties services) {
        this.services = new TreeSet<>(services.services().keySet());
    }

    @EventListener
    void check(RefreshRoutesResultEvent event) {
        if (event.isSuccess() && event.getSource() instanceof RouteLocator routes) {
            routes.getRoutes()                              // the routes just cached: no route is built again
                    .map(Route::getUri)
                    .mapNotNull(BackendRouting::serviceOf)
                    .collect(TreeSet<String>::new, Set::add)
                    .subscribe(this::warnOfUnrouted);
        }
    }

    private void warnOfUnrouted(Set<String> routed) {
        Set<String> now = new TreeSet<>(services);
        now.removeAll(routed);
        if (!now.equals(unrouted)) {
            unrouted = Set.copyOf(now);
            if (!now.isEmpty()) {
                log.warn("No route sends to {}: remove these services from gateway.services, or add routes to them",
                        now.stream().map(name -> "lb://" + name).toList());
            }
        }
    }
}
