package io.jwtgateway.gateway.tracing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing on when there is somewhere to send the spans: {@code management.tracing.export.enabled} (Spring Boot's
 * switch for tracing as a whole) defaults to whether {@code management.opentelemetry.tracing.export.otlp.endpoint} is
 * set, where Spring Boot would trace and sample every request and throw the spans away. application.yml turns the
 * server and backend observations on with it. A default of the lowest precedence: a value set anywhere else wins.
 */
class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "gatewayTracingSwitch";
    static final String ENABLED = "management.tracing.export.enabled";
    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean endpoint = StringUtils.hasText(environment.getProperty(ENDPOINT));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(ENABLED, endpoint)));
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
