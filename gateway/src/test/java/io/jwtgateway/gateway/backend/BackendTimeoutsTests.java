package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties.HealthCheck;
import io.jwtgateway.gateway.config.BackendProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;

class BackendTimeoutsTests {

    final BackendProperties backend = new BackendProperties(List.of(URI.create("http://localhost:8081")),
            Duration.ofMillis(1500), Duration.ofSeconds(20), new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5)));
    final BackendTimeouts timeouts = new BackendTimeouts(
            new StaticListableBeanFactory(Map.of("backend", backend)).getBeanProvider(BackendProperties.class));

    @Test
    void postProcessWhenGatewayHttpClientPropertiesThenBackendTimeoutsReplaceTheirs() {
        HttpClientProperties client = new HttpClientProperties();
        client.setConnectTimeout(45_000);

        timeouts.postProcessAfterInitialization(client, "httpClientProperties");

        assertThat(client.getConnectTimeout()).isEqualTo(1500);
        assertThat(client.getResponseTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void postProcessWhenOtherBeanThenUntouched() {
        Object other = new Object();

        assertThat(timeouts.postProcessAfterInitialization(other, "other")).isSameAs(other);
    }
}
