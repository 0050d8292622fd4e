package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * Hands the services' timeouts to Spring Cloud Gateway. {@code gateway.backend.connect-timeout} and
 * {@code response-timeout} become its HTTP client settings, for every route (they replace
 * {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout} and {@code response-timeout}). A service of
 * {@code gateway.services} whose timeouts differ puts them in the metadata of each route to it, as a route's own
 * {@code connect-timeout} and {@code response-timeout}, which the routing filter reads; a route's own still wins. The
 * work is done once, when the routes are configured: nothing per request.
 */
class BackendTimeouts implements BeanPostProcessor {

    private final ObjectProvider<BackendProperties> backend;
    private final ObjectProvider<ServicesProperties> services;

    BackendTimeouts(ObjectProvider<BackendProperties> backend, ObjectProvider<ServicesProperties> services) {
        this.backend = backend;                         // looked up late: post-processors are created before beans
        this.services = services;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HttpClientProperties client) {
            BackendProperties defaults = backend.getObject();
            client.setConnectTimeout((int) defaults.connectTimeout().toMillis());
            client.setResponseTimeout(defaults.responseTimeout());
        }
        if (bean instanceof GatewayProperties gateway) {
            Map<String, Service> resolved = services.getObject().resolved();
            gateway.getRoutes().forEach(route -> addTimeouts(route, resolved));
        }
        return bean;
    }

    private void addTimeouts(RouteDefinition route, Map<String, Service> resolved) {
        URI uri = route.getUri();
        String name = uri == null ? null : BackendRouting.serviceOf(uri);
        Service service = name == null ? null : resolved.get(name);
        if (service == null) {
            return;                                     // backend, a plain URL, or unknown (refused at startup)
        }
        BackendProperties defaults = backend.getObject();
        put(route, RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, service.connectTimeout(), defaults.connectTimeout());
        put(route, RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, service.responseTimeout(), defaults.responseTimeout());
    }

    private static void put(RouteDefinition route, String key, Duration value, Duration global) {
        if (!value.equals(global) && !route.getMetadata().containsKey(key)) {
            route.getMetadata().put(key, (int) value.toMillis());     // as the routing filter reads it: an int
        }
    }
}
