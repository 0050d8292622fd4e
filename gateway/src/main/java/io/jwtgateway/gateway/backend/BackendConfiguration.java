package io.jwtgateway.gateway.backend;

import io.jwtgateway.gateway.config.BackendProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The backend instances behind {@code lb://backend}, their health check, and the backend timeouts. */
@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

    /** The one instance list behind {@code lb://backend}, which {@link BackendRouting} takes in turn. */
    @Bean
    BackendInstances backendInstances(BackendProperties properties) {
        return new BackendInstances(properties);
    }

    @Bean
    BackendHealthCheck backendHealthCheck(BackendInstances instances, BackendProperties properties) {
        return new BackendHealthCheck(instances, properties);
    }

    @Bean
    static BackendTimeouts backendTimeouts(ObjectProvider<BackendProperties> properties) {
        return new BackendTimeouts(properties);
    }
}
