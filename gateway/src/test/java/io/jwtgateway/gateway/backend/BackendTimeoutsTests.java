package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.BackendProperties.HealthCheck;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.Assertion;
import io.jwtgateway.gateway.config.ServicesProperties.OutlierDetection;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

class BackendTimeoutsTests {

    final BackendProperties backend = new BackendProperties(List.of(URI.create("http://localhost:8081")),
            Duration.ofMillis(1500), Duration.ofSeconds(20),
            new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5)), new Assertion(null, null));
    final ServicesProperties services = new ServicesProperties(Map.of(
            "orders", new Service(List.of(URI.create("http://orders:8080")), null, Duration.ofSeconds(5),
                    new ServicesProperties.HealthCheck(null, null, null), null,
                    new OutlierDetection(null, null, null), null, new Assertion(null, null)),
            "users", new Service(List.of(URI.create("http://users:8080")), null, null,
                    new ServicesProperties.HealthCheck(null, null, null), null,
                    new OutlierDetection(null, null, null), null, new Assertion(null, null))),
            new Service(List.of(), Duration.ofMillis(1500), Duration.ofSeconds(20),
                    new ServicesProperties.HealthCheck(null, null, null), null,
                    new OutlierDetection(null, null, null), null, new Assertion(null, null)));
    final StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("backend", backend,
            "services", services));
    final BackendTimeouts timeouts = new BackendTimeouts(beans.getBeanProvider(BackendProperties.class),
            beans.getBeanProvider(ServicesProperties.class));

    @Test
    void postProcessWhenGatewayHttpClientPropertiesThenBackendTimeoutsReplaceTheirs() {
        HttpClientProperties client = new HttpClientProperties();
        client.setConnectTimeout(45_000);

        timeouts.postProcessAfterInitialization(client, "httpClientProperties");

        assertThat(client.getConnectTimeout()).isEqualTo(1500);
        assertThat(client.getResponseTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void postProcessWhenRouteToServiceWithItsOwnTimeoutThenRouteMetadataCarriesIt() {
        GatewayProperties gateway = new GatewayProperties();
        RouteDefinition orders = route("orders", "lb://orders");
        RouteDefinition users = route("users", "lb://users");
        RouteDefinition own = route("own", "lb://orders");
        own.getMetadata().put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 100);
        gateway.setRoutes(List.of(orders, users, own));

        timeouts.postProcessAfterInitialization(gateway, "gatewayProperties");

        assertThat(orders.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 5000)
                .doesNotContainKey(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR);    // as the defaults: left to the client
        assertThat(users.getMetadata()).isEmpty();                               // the defaults' are the client's
        assertThat(own.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 100);
    }

    @Test
    void postProcessWhenOtherBeanThenUntouched() {
        Object other = new Object();

        assertThat(timeouts.postProcessAfterInitialization(other, "other")).isSameAs(other);
    }

    private static RouteDefinition route(String id, String uri) {
        RouteDefinition route = new RouteDefinition();
        route.setId(id);
        route.setUri(URI.create(uri));
        return route;
    }
}
