package io.jwtgateway.gateway.config;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the features: time, the backend instances and their health check, and the backend timeouts. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one instance list Spring Cloud LoadBalancer finds for {@code lb://backend}. */
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
