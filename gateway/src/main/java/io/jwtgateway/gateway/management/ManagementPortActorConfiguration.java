package io.jwtgateway.gateway.management;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * {@link ManagementPortActor} in the child context of {@code management.server.port} only: Spring Boot imports this
 * class there ({@code META-INF/spring/…ManagementContextConfiguration.imports}) and never into the main context.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementPortActorConfiguration {

    @Bean
    ManagementPortActor managementPortActor() {
        return new ManagementPortActor();
    }
}
