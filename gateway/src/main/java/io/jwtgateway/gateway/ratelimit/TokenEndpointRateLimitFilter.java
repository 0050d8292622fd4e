package io.jwtgateway.gateway.ratelimit;

import java.util.List;
import java.util.Objects;

import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Limits {@code /api/v3/auth} and {@code /oauth2/token} per client address, every method, one bucket for both. They
 * are the gateway's own router-function endpoints, served ahead of the routes, so no gateway filter sees them: this is
 * a web filter. Paths match as the router functions match them (decoded, same parser), so an encoded spelling of the
 * path is counted too.
 */
@Component
class TokenEndpointRateLimitFilter implements FrontStep {

    private static final List<PathPattern> PATHS = List.of(
            PathPatternParser.defaultInstance.parse(EndpointPaths.TOKEN),
            PathPatternParser.defaultInstance.parse(EndpointPaths.OAUTH_TOKEN));

    private final @Nullable RatePolicy policy;                 // null: gateway.rate-limit.auth-endpoints.enabled=false
    private final Callers callers;
    private final RateLimiting limiting;

    TokenEndpointRateLimitFilter(RatePolicies policies, Callers callers, RateLimiting limiting) {
        this.policy = policies.authEndpoints();
        this.callers = callers;
        this.limiting = limiting;
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return policy != null && isTokenEndpoint(exchange.getRequest().getPath().pathWithinApplication());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RatePolicy policy = Objects.requireNonNull(this.policy);
        String caller = callers.byAddress(exchange.getRequest());
        return limiting.limit(exchange, policy, caller, () -> chain.filter(exchange));
    }

    private static boolean isTokenEndpoint(PathContainer path) {
        for (PathPattern pattern : PATHS) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return FilterOrder.TOKEN_ENDPOINT_RATE_LIMIT;
    }
}
