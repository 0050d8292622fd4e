package io.jwtgateway.gateway.browser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * CORS for every path the gateway serves, its own endpoints included (token, OAuth2, discovery, revocation), from
 * the configuration Spring Cloud Gateway users know: {@code spring.cloud.gateway.server.webflux.globalcors}, and each
 * route's {@code cors} metadata, which Spring Cloud Gateway adds to it by the route's path. Runs ahead of the path
 * firewall, the rate limits and authentication: a preflight from an allowed origin is answered here and goes no
 * further, counted by no limit; one from another origin gets a 403 problem detail ({@code cors_origin}). Every other response to an allowed origin carries
 * its CORS headers, refusals included, and exposes {@code WWW-Authenticate} and {@code X-Request-Id} unless the
 * configuration lists its own exposed headers. With no configuration, it does nothing.
 */
@Component
class CorsFilter implements WebFilter, Ordered {

    /** What a page needs to read a refusal: why (RFC 6750 §3) and which request. */
    static final List<String> EXPOSED_BY_DEFAULT = List.of(HttpHeaders.WWW_AUTHENTICATE, RequestId.HEADER);

    private final GlobalCorsProperties properties;
    private final RefusalWriter refusals;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private volatile UrlBasedCorsConfigurationSource source;
    private volatile boolean configured;

    CorsFilter(GlobalCorsProperties properties, RefusalWriter refusals) {
        this.properties = properties;
        this.refusals = refusals;
        this.source = sourceOf(properties.getCorsConfigurations());
        this.configured = !properties.getCorsConfigurations().isEmpty();
    }

    /** Routes' {@code cors} metadata arrives with the routes; read it after Spring Cloud Gateway has added it. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void routesBuilt(RefreshRoutesResultEvent event) {
        Map<String, CorsConfiguration> configurations = properties.getCorsConfigurations();
        source = sourceOf(configurations);
        configured = !configurations.isEmpty();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!configured || !CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        CorsConfiguration configuration = source.getCorsConfiguration(exchange);
        if (configuration == null) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {             // no CORS headers: the browser refuses too
            return refusals.write(exchange, HttpStatus.FORBIDDEN, "This origin may not call this path", "cors_origin");
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest())
                ? exchange.getResponse().setComplete()                  // answered: nothing after it sees a preflight
                : chain.filter(exchange);
    }

    private static UrlBasedCorsConfigurationSource sourceOf(Map<String, CorsConfiguration> configurations) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource(PathPatternParser.defaultInstance);
        Map<String, CorsConfiguration> withExposed = new LinkedHashMap<>();
        configurations.forEach((pattern, configuration) -> withExposed.put(pattern, withExposedDefaults(configuration)));
        source.setCorsConfigurations(withExposed);
        return source;
    }

    private static CorsConfiguration withExposedDefaults(CorsConfiguration configuration) {
        CorsConfiguration copy = new CorsConfiguration(configuration);
        if (copy.getExposedHeaders() == null || copy.getExposedHeaders().isEmpty()) {
            copy.setExposedHeaders(EXPOSED_BY_DEFAULT);
        }
        return copy;
    }

    @Override
    public int getOrder() {
        return FilterOrder.CORS;
    }
}
