package io.jwtgateway.gateway.management;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Health details for operators, on the management port only. With {@code management.server.port} set to a port of
 * its own (the production setup, a port kept off the public network), {@code /actuator/health} there shows each
 * component's details, such as each service's instances; sharing the main port, health is status only for everyone.
 * The probes on the main port ({@code /livez}, {@code /readyz}) are status only either way (application.yml). This is
 * a default of the lowest precedence: a {@code show-details} set anywhere else wins.
 */
class OperatorHealthDetails implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "gatewayOperatorHealthDetails";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String details = hasPortOfItsOwn(environment) ? "always" : "never";
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                Map.of("management.endpoint.health.show-details", details)));
    }

    /** As Spring Boot decides it ({@code ManagementPortType.DIFFERENT}): 0 is a random port of its own. */
    static boolean hasPortOfItsOwn(ConfigurableEnvironment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class);
        if (management == null || management < 0) {
            return false;
        }
        return !(server == null ? management == 8080 : management != 0 && management.equals(server));
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
