package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * The timeouts of the service a route sends to, put in the route's metadata as its own {@code connect-timeout} and
 * {@code response-timeout}, which the routing filter reads, when they differ from {@code gateway.backend.*}'s; a
 * route's own still wins. Applied to every route before it is built, those of application.yml and those added at
 * runtime alike: nothing per request.
 */
public final class ServiceTimeouts {

    private final BackendProperties defaults;
    private final Map<String, Service> services;

    ServiceTimeouts(BackendProperties defaults, ServicesProperties services) {
        this.defaults = defaults;
        this.services = services.resolved();
    }

    /** Adds the timeouts of the route's service, when it is one of {@code gateway.services} whose timeouts differ. */
    public void addTo(RouteDefinition route) {
        URI uri = route.getUri();
        String name = uri == null ? null : BackendRouting.serviceOf(uri);
        Service service = name == null ? null : services.get(name);
        if (service == null) {
            return;                                     // backend, a plain URL, or unknown (refused before)
        }
        put(route, RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, service.connectTimeout(), defaults.connectTimeout());
        put(route, RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, service.responseTimeout(), defaults.responseTimeout());
    }

    private static void put(RouteDefinition route, String key, Duration value, Duration global) {
        if (!value.equals(global) && !route.getMetadata().containsKey(key)) {
            route.getMetadata().put(key, (int) value.toMillis());     // as the routing filter reads it: an int
        }
    }
}
