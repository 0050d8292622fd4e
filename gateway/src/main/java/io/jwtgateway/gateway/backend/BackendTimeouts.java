package io.jwtgateway.gateway.backend;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;

/**
 * Hands the services' timeouts to Spring Cloud Gateway. {@code gateway.backend.connect-timeout} and
 * {@code response-timeout} become its HTTP client settings, for every route (they replace
 * {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout} and {@code response-timeout}). A service of
 * {@code gateway.services} whose timeouts differ puts them in the metadata of each configured route to it
 * ({@link ServiceTimeouts}; routes added at runtime get them as they are built). The work is done once, when the
 * routes are configured: nothing per request.
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
            ServiceTimeouts timeouts = new ServiceTimeouts(backend.getObject(), services.getObject());
            gateway.getRoutes().forEach(timeouts::addTo);
        }
        return bean;
    }
}
