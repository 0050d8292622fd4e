package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import io.jwtgateway.gateway.config.RateLimitProperties.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitPropertiesTests {

    @Test
    void bindWhenNothingSetThenMemoryAuthEndpointsOnAndRoutesUnlimited() {
        RateLimitProperties properties = bind();

        assertThat(properties.store()).isEqualTo(Store.MEMORY);
        assertThat(properties.authEndpoints().enabled()).isTrue();
        assertThat(properties.authEndpoints().limit()).isEqualTo(new Limit(5, 10));
        assertThat(properties.defaultLimit()).isNull();
        assertThat(properties.routes()).isEmpty();
        assertThat(properties.trustedProxies()).isEmpty();
        assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void bindWhenDefaultRouteAndProxiesSetThenBound() {
        RateLimitProperties properties = bind(
                "store=redis",
                "default.replenish-rate=10", "default.burst-capacity=20",
                "routes.admin.replenish-rate=1", "routes.admin.burst-capacity=1",
                "trusted-proxies=10.0.0.0/8,192.0.2.7,2001:db8::/32,::1");

        assertThat(properties.store()).isEqualTo(Store.REDIS);
        assertThat(properties.defaultLimit()).isEqualTo(new Limit(10, 20));
        assertThat(properties.routes()).containsEntry("admin", new Limit(1, 1));
        assertThat(properties.trustedProxies()).hasSize(4);
    }

    @Test
    void bindWhenAuthEndpointsDisabledThenItsNumbersAreNotChecked() {
        RateLimitProperties properties = bind("auth-endpoints.enabled=false", "auth-endpoints.replenish-rate=0");

        assertThat(properties.authEndpoints().enabled()).isFalse();
    }

    @Test
    void bindWhenReplenishRateZeroThenRejectedNamingProperty() {
        assertRejected("gateway.rate-limit.routes.admin.replenish-rate",
                "routes.admin.replenish-rate=0", "routes.admin.burst-capacity=5");
    }

    @Test
    void bindWhenReplenishRateNegativeThenRejectedNamingProperty() {
        assertRejected("gateway.rate-limit.auth-endpoints.replenish-rate", "auth-endpoints.replenish-rate=-1");
    }

    @Test
    void bindWhenBurstBelowReplenishThenRejectedNamingProperty() {
        assertRejected("gateway.rate-limit.default.burst-capacity",
                "default.replenish-rate=10", "default.burst-capacity=5");
    }

    @Test
    void bindWhenBurstMissingThenRejectedNamingProperty() {
        assertRejected("gateway.rate-limit.routes.public.burst-capacity", "routes.public.replenish-rate=3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/", "10.0.0.0/x", "::1/129",
            "300.1.1.1", "10.0.0.1:80"})
    void bindWhenTrustedProxyNotAddressOrCidrThenRejectedNamingPropertyAndIndex(String proxy) {
        assertRejected("gateway.rate-limit.trusted-proxies[1]", "trusted-proxies[0]=127.0.0.1",
                "trusted-proxies[1]=" + proxy);
    }

    @Test
    void bindWhenTimeoutZeroThenRejectedNamingProperty() {
        assertRejected("gateway.rate-limit.timeout", "timeout=0s");
    }

    @Test
    void bindWhenSeveralPropertiesWrongThenEachRejectedTogetherNamingItsProperty() {
        assertThatThrownBy(() -> bind("default.replenish-rate=0", "routes.admin.replenish-rate=2",
                "routes.admin.burst-capacity=1", "trusted-proxies=proxy.internal", "timeout=0s"))
                .rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationException.class, invalid -> assertThat(invalid.problems())
                        .extracting(ConfigurationProblem::property)
                        .containsExactly("gateway.rate-limit.default.replenish-rate",
                                "gateway.rate-limit.routes.admin.burst-capacity",
                                "gateway.rate-limit.trusted-proxies[0]",
                                "gateway.rate-limit.timeout"));
    }

    private static void assertRejected(String property, String... entries) {
        assertThatThrownBy(() -> bind(entries))
                .isInstanceOf(BindException.class)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property);
    }

    private static RateLimitProperties bind(String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            properties.put("gateway.rate-limit." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.rate-limit", RateLimitProperties.class);
    }
}
