package io.jwtgateway.gateway.backend;

import io.jwtgateway.gateway.config.BackendProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientProperties;

/**
 * Hands {@code gateway.backend.connect-timeout} and {@code response-timeout} to Spring Cloud Gateway's HTTP client
 * settings, so the documented names are ours and validated with the rest of {@link BackendProperties}. They replace
 * {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout} and {@code response-timeout}; a route's own
 * {@code connect-timeout} or {@code response-timeout} metadata still wins for that route.
 */
class BackendTimeouts implements BeanPostProcessor {

    private final ObjectProvider<BackendProperties> properties;

    BackendTimeouts(ObjectProvider<BackendProperties> properties) {
        this.properties = properties;                   // looked up late: post-processors are created before beans
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HttpClientProperties client) {
            BackendProperties backend = properties.getObject();
            client.setConnectTimeout((int) backend.connectTimeout().toMillis());
            client.setResponseTimeout(backend.responseTimeout());
        }
        return bean;
    }
}
