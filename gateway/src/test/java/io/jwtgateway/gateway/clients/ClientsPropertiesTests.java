package io.jwtgateway.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jwtgateway.gateway.store.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ClientsPropertiesTests {

    @Test
    void bindWhenNothingSetThenFileStoreAndDefaultBounds() {
        ClientsProperties properties = bind();

        assertThat(properties.store()).isEqualTo(StoreType.FILE);
        assertThat(properties.maxClients()).isEqualTo(1000);
        assertThat(properties.maxKeysPerClient()).isEqualTo(5);
        assertThat(properties.lastUseWriteInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void bindWhenRedisStoreThenRedis() {
        assertThat(bind("store=redis").store()).isEqualTo(StoreType.REDIS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "max-clients=0                  | gateway.auth.clients.max-clients",
            "max-clients=100001             | gateway.auth.clients.max-clients",
            "max-keys-per-client=0          | gateway.auth.clients.max-keys-per-client",
            "max-keys-per-client=101        | gateway.auth.clients.max-keys-per-client",
            "last-use-write-interval=500ms  | gateway.auth.clients.last-use-write-interval"})
    void bindWhenOutOfBoundsThenRejectedNamingTheProperty(String entry, String property) {
        assertThatThrownBy(() -> bind(entry.strip()))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining(property.strip());
    }

    private static ClientsProperties bind(String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            properties.put("gateway.auth.clients." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.auth.clients", ClientsProperties.class);
    }
}
