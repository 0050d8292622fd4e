package io.jwtgateway.gateway.ratelimit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Limits each route's callers: by subject once authentication admitted the request, by client address on public
 * routes; and a registered client's requests on every route by its own limit ({@link ClientLimits}), counted first.
 * A route without a limit costs one map lookup, a token without a client limit one more. A refused request never
 * reaches the backend. The {@code X-RateLimit-*} headers describe the route's limit when both apply.
 */
@Component
class RouteRateLimitFilter implements GlobalFilter, Ordered {

    private final RatePolicies policies;
    private final ClientLimits clientLimits;
    private final Callers callers;
    private final RateLimiting limiting;

    RouteRateLimitFilter(RatePolicies policies, ClientLimits clientLimits, Callers callers, RateLimiting limiting) {
        this.policies = policies;
        this.clientLimits = clientLimits;
        this.callers = callers;
        this.limiting = limiting;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
        RatePolicy client = clientLimits.forToken(token);
        if (client == null) {
            return byRoute(exchange, chain);
        }
        return limiting.limit(exchange, client, ClientLimits.caller(token), () -> byRoute(exchange, chain));
    }

    private Mono<Void> byRoute(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        RatePolicy policy = route == null ? null : policies.forRoute(route.getId());
        if (policy == null) {
            return chain.filter(exchange);
        }
        return limiting.limit(exchange, policy, callers.of(exchange), () -> chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.ROUTE_RATE_LIMIT;
    }
}
