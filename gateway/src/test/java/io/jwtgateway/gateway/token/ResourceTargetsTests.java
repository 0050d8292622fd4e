package io.jwtgateway.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import reactor.core.publisher.Flux;

/** Which service a resource URL names, from route definitions alone, with no Spring context. */
class ResourceTargetsTests {

    static final RouteDefinition INVENTORY = route("lb://inventory", "Path=/inventory/**");

    @Test
    void serviceOfWhenBaseHasAPathThenItPrefixesTheRoutedPath() {
        ResourceTargets targets = targets(Map.of("gateway.auth.dpop.public-base-url", "https://api.example.com/gw/"),
                INVENTORY);

        assertThat(targets.serviceOf("https://api.example.com/gw/inventory/items")).contains("inventory");
        assertThat(targets.serviceOf("https://api.example.com/inventory/items")).isEmpty();
        assertThat(targets.serviceOf("https://api.example.com/gwinventory/items")).isEmpty();
    }

    @Test
    void serviceOfWhenNoPublicBaseThenTheIssuersOrigin() {
        ResourceTargets targets = targets(Map.of("gateway.auth.issuer", "https://id.example.com"), INVENTORY);

        assertThat(targets.serviceOf("https://id.example.com/inventory/items")).contains("inventory");
        assertThat(targets.serviceOf("http://id.example.com/inventory/items")).isEmpty();
    }

    @Test
    void serviceOfWhenNeitherBaseNorUrlIssuerThenNone() {
        ResourceTargets targets = targets(Map.of(), INVENTORY);

        assertThat(targets.serviceOf("https://jwt-gateway/inventory/items")).isEmpty();
    }

    @Test
    void serviceOfWhenARouteHasNoPathPredicateThenNoneForAnyPath() {
        ResourceTargets targets = targets(Map.of("gateway.auth.issuer", "https://id.example.com"), INVENTORY,
                route("lb://pricing", "Host=pricing.example.com"));

        assertThat(targets.serviceOf("https://id.example.com/inventory/items")).isEmpty();
    }

    @Test
    void serviceOfWhenAPlainUrlRouteServesThePathThenNone() {
        ResourceTargets targets = targets(Map.of("gateway.auth.issuer", "https://id.example.com"), INVENTORY,
                route("http://legacy.internal:8080", "Path=/inventory/legacy/**"));

        assertThat(targets.serviceOf("https://id.example.com/inventory/legacy/1")).isEmpty();
        assertThat(targets.serviceOf("https://id.example.com/inventory/items")).contains("inventory");
    }

    @Test
    void serviceOfWhenPatternsInLongFormThenRead() {
        RouteDefinition longForm = new RouteDefinition();
        longForm.setId("pricing");
        longForm.setUri(URI.create("lb://pricing"));
        PredicateDefinition path = new PredicateDefinition();
        path.setName("Path");
        path.addArg("patterns[0]", "/pricing/**");
        path.addArg("patterns[1]", "/prices/{id}");
        longForm.setPredicates(List.of(path));
        ResourceTargets targets = targets(Map.of("gateway.auth.issuer", "https://id.example.com"), longForm);

        assertThat(targets.serviceOf("https://id.example.com/prices/7")).contains("pricing");
        assertThat(targets.serviceOf("https://id.example.com/pricing/items")).contains("pricing");
        assertThat(targets.serviceOf("https://id.example.com/prices/7/more")).isEmpty();
    }

    @Test
    void serviceOfWhenNotAnHttpUrlThenNone() {
        ResourceTargets targets = targets(Map.of("gateway.auth.issuer", "https://id.example.com"), INVENTORY);

        assertThat(targets.serviceOf("urn:example:inventory")).isEmpty();
        assertThat(targets.serviceOf("/inventory/items")).isEmpty();
        assertThat(targets.serviceOf("https://user@id.example.com/inventory/items")).isEmpty();
        assertThat(targets.serviceOf("https://id.example.com/inventory/items#top")).isEmpty();
    }

    private static ResourceTargets targets(Map<String, String> properties, RouteDefinition... routes) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        ResourceTargets targets = new ResourceTargets(
                binder.bindOrCreate("gateway.auth.dpop", DpopProperties.class),
                binder.bindOrCreate("gateway.auth", AuthProperties.class),
                () -> Flux.just(routes));
        targets.readAll(new RefreshRoutesResultEvent(new Object()));
        return targets;
    }

    private static RouteDefinition route(String uri, String predicate) {
        return new RouteDefinition(predicate.split("=")[0].toLowerCase() + "=" + uri + "," + predicate);
    }
}
