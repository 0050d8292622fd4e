package io.jwtgateway.gateway.management;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Health details for operators, on the management port only. With {@code management.server.port} set to a port of
 * its own (the production setup, a port kept off the public network), {@code /actuator/health} there shows each
 * component's details, such as each service's instances; the probes on the main port ({@code /livez},
 * {@code /readyz}) stay status only. Sharing the main port, health stays status only for everyone. Settings of the
 * operator's own (environment, command line) still win: these sit just above the application's configuration files.
 */
class OperatorHealthDetails implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "gatewayOperatorHealthDetails";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!hasPortOfItsOwn(environment)) {
            return;
        }
        PropertySource<?> details = new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.show-details", "always",
                "management.endpoint.health.group.liveness.show-details", "never",
                "management.endpoint.health.group.readiness.show-details", "never"));
        String firstFile = environment.getPropertySources().stream()
                .map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource"))
                .findFirst()
                .orElse(null);
        if (firstFile == null) {
            environment.getPropertySources().addLast(details);
        } else {
            environment.getPropertySources().addBefore(firstFile, details);
        }
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
