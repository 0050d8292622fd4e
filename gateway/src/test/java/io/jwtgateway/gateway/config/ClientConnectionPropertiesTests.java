package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ClientConnectionPropertiesTests {

    @Test
    void constructWhenDefaultsThenAccepted() {
        ClientConnectionProperties properties = new ClientConnectionProperties(Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(75), Duration.ofSeconds(60));

        assertThat(properties.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void constructWhenEveryTimeoutTooShortThenEachReportedNamingItsProperty() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new ClientConnectionProperties(Duration.ofMillis(50), Duration.ZERO,
                        Duration.ofSeconds(-1), Duration.ofMillis(99)))
                .withMessageContaining("gateway.server.request-header-timeout: must be at least 100ms")
                .withMessageContaining("gateway.server.request-body-timeout: must be at least 100ms")
                .withMessageContaining("gateway.server.idle-timeout: must be at least 100ms")
                .withMessageContaining("gateway.server.response-write-timeout: must be at least 100ms");
    }
}
