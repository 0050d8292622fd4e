package io.jwtgateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;

class RoutePoliciesTests {

    @Test
    void constructWhenRouteAuthMisspeltThenFailsNamingRoute() {
        GatewayProperties gateway = gateway(route("public-pages", Map.of("auth", "publik")));

        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new RoutePolicies(gateway))
                .withMessageContaining("routes[0].metadata.auth")
                .withMessageContaining("public-pages");
    }

    @Test
    void constructWhenSecondRouteInvalidThenFailsNamingThatRoute() {
        GatewayProperties gateway = gateway(
                route("home", Map.of("auth", "public")),
                route("admin", Map.of("auth", "public", "roles", List.of("admin"))));

        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new RoutePolicies(gateway))
                .withMessageContaining("routes[1].metadata.auth")
                .withMessageContaining("admin");
    }

    @Test
    void constructWhenRouteAssertionNeitherTrueNorFalseThenFailsNamingIt() {
        GatewayProperties gateway = gateway(route("quiet", Map.of("assertion", "off")));

        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> new RoutePolicies(gateway))
                .withMessageContaining("routes[0].metadata.assertion")
                .withMessageContaining("true or false");
    }

    @Test
    void constructWhenRouteAssertionTrueOrFalseThenAccepted() {
        GatewayProperties gateway = gateway(route("quiet", Map.of("assertion", "false")),
                route("loud", Map.of("assertion", true)), route("plain", Map.of("assertion", Boolean.FALSE)));

        assertThatNoException().isThrownBy(() -> new RoutePolicies(gateway));
    }

    @Test
    void constructWhenRoutesValidThenAccepted() {
        GatewayProperties gateway = gateway(
                route("public", Map.of("auth", "public")),
                route("authenticated", Map.of("auth", "authenticated")),
                route("admin", Map.of("auth", "authenticated", "roles", List.of("admin"))),
                route("unmarked", Map.of()));

        assertThatNoException().isThrownBy(() -> new RoutePolicies(gateway));
    }

    @Test
    void constructWhenNoRoutesThenAccepted() {
        GatewayProperties gateway = gateway();

        assertThatNoException().isThrownBy(() -> new RoutePolicies(gateway));
    }

    @Test
    void requirementForWhenRoutePublicThenPublic() {
        RoutePolicies policies = new RoutePolicies(gateway());
        MockServerWebExchange exchange = exchangeOn(Map.of("auth", "public"));

        Requirement requirement = policies.requirementFor(exchange);

        assertThat(requirement.isPublic()).isTrue();
    }

    @Test
    void requirementForWhenRouteNeedsRoleThenThatRole() {
        RoutePolicies policies = new RoutePolicies(gateway());
        MockServerWebExchange exchange = exchangeOn(Map.of("roles", List.of("admin")));

        Requirement requirement = policies.requirementFor(exchange);

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).containsExactly("admin");
    }

    @Test
    void requirementForWhenNoRouteMatchedThenAuthenticated() {
        RoutePolicies policies = new RoutePolicies(gateway());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/unknown"));

        Requirement requirement = policies.requirementFor(exchange);

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).isEmpty();
    }

    @Test
    void requirementForWhenSameRouteAgainThenReadOnce() {
        RoutePolicies policies = new RoutePolicies(gateway());
        MockServerWebExchange exchange = exchangeOn(Map.of("roles", List.of("admin")));

        Requirement first = policies.requirementFor(exchange);
        Requirement again = policies.requirementFor(exchange);

        assertThat(again).isSameAs(first);
    }

    @Test
    void requirementForWhenRouteRebuiltWithOtherMetadataThenTheNewPolicy() {
        RoutePolicies policies = new RoutePolicies(gateway());
        policies.requirementFor(exchangeOn(Map.of("auth", "public")));

        Requirement requirement = policies.requirementFor(exchangeOn(Map.of("roles", List.of("admin"))));

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).containsExactly("admin");
    }

    @Test
    void requirementForWhenRouteMetadataUnclearThenRefusedEveryTime() {
        RoutePolicies policies = new RoutePolicies(gateway());
        MockServerWebExchange exchange = exchangeOn(Map.of("auth", "publik"));

        assertThatExceptionOfType(Requirement.UnclearPolicy.class).isThrownBy(() -> policies.requirementFor(exchange));
        assertThatExceptionOfType(Requirement.UnclearPolicy.class).isThrownBy(() -> policies.requirementFor(exchange));
    }

    @Test
    void requirementForWhenRoutesReadAsBuiltThenEachServedAndTheUnclearOneRefused() {
        RoutePolicies policies = new RoutePolicies(gateway());
        Route admin = route(Map.of("roles", List.of("admin")), "admin");
        Route typo = route(Map.of("auth", "publik"), "typo");
        RouteLocator locator = () -> Flux.just(admin, typo);

        policies.readAll(new RefreshRoutesResultEvent(locator));

        assertThat(policies.requirementFor(exchangeOn(admin)).roles()).containsExactly("admin");
        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> policies.requirementFor(exchangeOn(typo)));
    }

    private static GatewayProperties gateway(RouteDefinition... routes) {
        GatewayProperties gateway = new GatewayProperties();
        gateway.setRoutes(List.of(routes));
        return gateway;
    }

    private static RouteDefinition route(String id, Map<String, Object> metadata) {
        RouteDefinition route = new RouteDefinition();
        route.setId(id);
        route.setUri(URI.create("lb://backend"));
        route.setMetadata(metadata);
        return route;
    }

    private static MockServerWebExchange exchangeOn(Map<String, Object> metadata) {
        return exchangeOn(route(metadata, "matched"));
    }

    private static MockServerWebExchange exchangeOn(Route route) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/home"));
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }

    private static Route route(Map<String, Object> metadata, String id) {
        return Route.async()
                .id(id)
                .uri(URI.create("lb://backend"))
                .predicate(exchange -> true)
                .metadata(metadata)
                .build();
    }
}
