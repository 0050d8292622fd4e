package io.jwtgateway.gateway.config;

import java.time.Clock;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the features: time and the backend instances. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServiceInstanceListSupplier backendInstances(BackendProperties properties) {
        return new BackendInstances(properties);
    }
}
