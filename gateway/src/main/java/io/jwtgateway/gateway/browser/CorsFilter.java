package io.jwtgateway.gateway.browser;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.core.Ordered;
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
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * CORS for every path the gateway serves, its own endpoints included (token, OAuth2, discovery, revocation), from
 * the configuration Spring Cloud Gateway users know: {@code spring.cloud.gateway.server.webflux.globalcors}. Runs
 * ahead of the path firewall, the rate limits and authentication: a preflight from an allowed origin is answered here
 * and goes no further, counted by no limit; one from another origin gets a 403 problem detail ({@code cors_origin}).
 * Every other response to an allowed origin carries its CORS headers, refusals included, and exposes
 * {@code WWW-Authenticate} and {@code X-Request-Id} unless the configuration lists its own exposed headers. With no
 * configuration, it does nothing. A route's {@code cors} metadata is Spring Cloud Gateway's to apply, on a path no
 * global pattern covers.
 */
@Component
class CorsFilter implements WebFilter, Ordered {

    /** What a page needs to read a refusal: why (RFC 6750 §3) and which request. */
    static final List<String> EXPOSED_BY_DEFAULT = List.of(HttpHeaders.WWW_AUTHENTICATE, RequestId.HEADER);

    private final RefusalWriter refusals;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final UrlBasedCorsConfigurationSource source;
    private final boolean configured;

    CorsFilter(GlobalCorsProperties properties, RefusalWriter refusals) {
        this.refusals = refusals;
        this.source = sourceOf(properties.getCorsConfigurations());
        this.configured = !properties.getCorsConfigurations().isEmpty();
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

    /**
     * The configurations, most specific pattern first: the source takes the first that matches, so
     * {@code /api/v3/orders/**} wins over {@code /**} whatever order they were written in.
     */
    private static UrlBasedCorsConfigurationSource sourceOf(Map<String, CorsConfiguration> configurations) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource(parser);
        Map<String, CorsConfiguration> ordered = new LinkedHashMap<>();
        configurations.keySet().stream()
                .sorted(Comparator.comparing(parser::parse, PathPattern.SPECIFICITY_COMPARATOR))
                .forEach(pattern -> ordered.put(pattern, withExposedDefaults(configurations.get(pattern))));
        source.setCorsConfigurations(ordered);
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
