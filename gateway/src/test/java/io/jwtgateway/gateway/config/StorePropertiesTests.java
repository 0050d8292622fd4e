package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StorePropertiesTests {

    @Test
    void bindWhenNothingSetThenDataDirRelativeToWorkingDirectoryAndTwoSecondResync() {
        StoreProperties properties = bind();

        assertThat(properties.dataDir()).isEqualTo(Path.of("data"));
        assertThat(properties.dataDir().toAbsolutePath()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
        assertThat(properties.store().resyncInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.store().timeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void bindWhenSetThenBound() {
        StoreProperties properties = bind("data-dir=/var/lib/gateway", "store.resync-interval=500ms",
                "store.timeout=200ms");

        assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/gateway"));
        assertThat(properties.store().resyncInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.store().timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void bindWhenDurationsNotPositiveThenEachRejectedTogetherNamingItsProperty() {
        assertThatThrownBy(() -> bind("store.resync-interval=0s", "store.timeout=-1s"))
                .rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigurationProblem::property)
                        .containsExactly("gateway.store.resync-interval", "gateway.store.timeout"));
    }

    private static StoreProperties bind(String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            properties.put("gateway." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("gateway",
                StoreProperties.class);
    }
}
