package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties.HealthCheck;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BackendPropertiesTests {

    static final List<URI> ONE = List.of(URI.create("http://localhost:8081"));
    static final HealthCheck HEALTH_CHECK = new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5));
    static final ServicesProperties.Assertion NO_ASSERTION = new ServicesProperties.Assertion(null, null);

    @Test
    void constructWhenHttpHostAndPortThenAccepted() {
        BackendProperties properties = withUris(List.of(URI.create("http://localhost:8081")));

        assertThat(properties.uris()).containsExactly(URI.create("http://localhost:8081"));
    }

    @Test
    void constructWhenHttpsWithRootPathThenAccepted() {
        BackendProperties properties = withUris(List.of(URI.create("https://backend.internal/")));

        assertThat(properties.uris()).hasSize(1);
    }

    @Test
    void constructWhenNotHttpThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("ftp://localhost:8081"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenSchemeMissingThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("//localhost:8081"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenHostAndPortWithoutSchemeThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("localhost:8081"));        // parses as scheme "localhost"

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenUriHasPathThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081/api"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenUriHasQueryThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081?x=1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenOneOfSeveralUrisInvalidThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:8082/v1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris[1]")
                .withMessageNotContaining("gateway.backend.uris[0]");
    }

    @Test
    void constructWhenListChangesAfterwardsThenPropertiesUnchanged() {
        List<URI> uris = new ArrayList<>(List.of(URI.create("http://localhost:8081")));
        BackendProperties properties = withUris(uris);

        uris.clear();

        assertThat(properties.uris()).hasSize(1);
    }

    @Test
    void constructWhenUriListedTwiceThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:8081"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withUris(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenConnectTimeoutZeroThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(ONE, Duration.ZERO, Duration.ofSeconds(30), HEALTH_CHECK,
                        NO_ASSERTION))
                .withMessageContaining("gateway.backend.connect-timeout");
    }

    @Test
    void constructWhenResponseTimeoutNegativeThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new BackendProperties(ONE, Duration.ofSeconds(2), Duration.ofSeconds(-1), HEALTH_CHECK,
                                NO_ASSERTION))
                .withMessageContaining("gateway.backend.response-timeout");
    }

    @Test
    void constructWhenConnectTimeoutExceedsResponseTimeoutThenRejectedNamingBoth() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new BackendProperties(ONE, Duration.ofSeconds(5), Duration.ofSeconds(1), HEALTH_CHECK,
                                NO_ASSERTION))
                .withMessageContaining("gateway.backend.connect-timeout")
                .withMessageContaining("gateway.backend.response-timeout");
    }

    @Test
    void constructHealthCheckWhenPathRelativeThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HealthCheck(true, "actuator/health", Duration.ofSeconds(5)))
                .withMessageContaining("gateway.backend.health-check.path");
    }

    @Test
    void constructHealthCheckWhenPathHasQueryThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HealthCheck(true, "/health?full=true", Duration.ofSeconds(5)))
                .withMessageContaining("gateway.backend.health-check.path");
    }

    @Test
    void constructHealthCheckWhenPathStartsWithTwoSlashesThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()            // "//host/health" would name another authority
                .isThrownBy(() -> new HealthCheck(true, "//evil.example/health", Duration.ofSeconds(5)))
                .withMessageContaining("gateway.backend.health-check.path");
    }

    @Test
    void constructHealthCheckWhenPathNestedThenAccepted() {
        HealthCheck check = new HealthCheck(true, "/management/health/liveness", Duration.ofSeconds(5));

        assertThat(check.path()).isEqualTo("/management/health/liveness");
    }

    @Test
    void constructHealthCheckWhenIntervalBelow100msThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HealthCheck(true, "/actuator/health", Duration.ofMillis(50)))
                .withMessageContaining("gateway.backend.health-check.interval");
    }

    @Test
    void constructHealthCheckWhenPathAndIntervalWrongThenBothReported() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new HealthCheck(true, "health", Duration.ofMillis(50)))
                .satisfies(invalid -> assertThat(invalid.problems()).extracting(ConfigurationProblem::property)
                        .containsExactly("gateway.backend.health-check.path", "gateway.backend.health-check.interval"));
    }

    @Test
    void bindWhenNothingSetThenDocumentedDefaults() {
        BackendProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("gateway.backend", BackendProperties.class);

        assertThat(properties.uris()).containsExactly(URI.create("http://localhost:8081"));
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.healthCheck()).isEqualTo(HEALTH_CHECK);
    }

    @Test
    void bindWhenHealthCheckDisabledThenOtherSettingsKeepDefaults() {
        BackendProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("gateway.backend.health-check.enabled", "false")))
                .bindOrCreate("gateway.backend", BackendProperties.class);

        assertThat(properties.healthCheck().enabled()).isFalse();
        assertThat(properties.healthCheck().interval()).isEqualTo(Duration.ofSeconds(5));
    }

    private static BackendProperties withUris(List<URI> uris) {
        return new BackendProperties(uris, Duration.ofSeconds(2), Duration.ofSeconds(30), HEALTH_CHECK, NO_ASSERTION);
    }
}
