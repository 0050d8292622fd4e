package io.jwtgateway.gateway.browser;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.observe.RequestId;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The CORS configuration of each path, read once from Spring Cloud Gateway's
 * {@code spring.cloud.gateway.server.webflux.globalcors}: for {@link CorsFilter}, and for {@link TrustedOrigins}, which
 * accepts a cookie token's unsafe request from the origins allowed here.
 */
@Component
class CorsPolicies {

    /** What a page needs to read a refusal: why (RFC 6750 §3), which request, and a DPoP nonce to retry with. */
    static final List<String> EXPOSED_BY_DEFAULT =
            List.of(HttpHeaders.WWW_AUTHENTICATE, RequestId.HEADER, DpopProofs.NONCE_HEADER);

    private final UrlBasedCorsConfigurationSource source;
    private final boolean configured;

    CorsPolicies(GlobalCorsProperties properties) {
        this.source = sourceOf(properties.getCorsConfigurations());
        this.configured = !properties.getCorsConfigurations().isEmpty();
    }

    /** Whether any origin is configured at all; with none, CORS is off. */
    boolean configured() {
        return configured;
    }

    /** The configuration for the request's path, or null when no pattern covers it. */
    @Nullable CorsConfiguration forRequest(ServerWebExchange exchange) {
        return configured ? source.getCorsConfiguration(exchange) : null;
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
}
