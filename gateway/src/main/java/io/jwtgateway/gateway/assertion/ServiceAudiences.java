package io.jwtgateway.gateway.assertion;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.Assertion;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which requests carry an assertion, and for whom: a request on a route to {@code lb://<service>}, unless the service
 * ({@code gateway.services.<name>.assertion.enabled}, {@code gateway.backend.assertion.enabled}, or for all of them
 * {@code gateway.service-defaults.assertion.enabled}) or the route ({@code metadata.assertion: false}) turns it off.
 * The audience is the service's {@code assertion.audience}, else its name. A route to a plain URL names no service and
 * gets none. Read once at startup; a request costs a map lookup.
 */
@Component
class ServiceAudiences {

    /** The route metadata key that turns the assertion off for one route. */
    static final String METADATA_KEY = "assertion";

    private static final String SCHEME = "lb";

    private final Map<String, String> byService = new HashMap<>();

    ServiceAudiences(BackendProperties backend, ServicesProperties services) {
        add(ServicesProperties.BACKEND, backend.assertion().orElse(services.serviceDefaults().assertion()));
        services.resolved().forEach((name, service) -> add(name, service.assertion()));
    }

    private void add(String service, Assertion assertion) {
        if (assertion.isEnabled()) {
            byService.put(service, assertion.audience() != null ? assertion.audience() : service);
        }
    }

    /** The audience of the exchange's assertion, or null when it carries none. */
    @Nullable String audienceFor(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route == null || isTurnedOff(route.getMetadata().get(METADATA_KEY))) {
            return null;
        }
        URI uri = route.getUri();
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return null;
        }
        String audience = byService.get(uri.getHost());
        return audience != null ? audience : byService.get(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** {@code false} as YAML or JSON writes it, or as a string: any other value leaves the assertion on. */
    private static boolean isTurnedOff(@Nullable Object value) {
        return Boolean.FALSE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("false"));
    }
}
