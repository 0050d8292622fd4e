package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The routing filter, in Spring Cloud Gateway's place and order: the gateway's own ({@link GatewayRoutingFilter}) for
 * a route whose filters are all Spring Cloud Gateway's or the gateway's, Spring Cloud Gateway's
 * ({@link BackendHttpRouting}) for a route with a filter of another kind (whose author may rely on what only Spring
 * Cloud Gateway's does), for WebSocket and other URLs, and for every route when {@code gateway.server.routing-filter}
 * chooses it or the gateway's cannot stand for the header filters. {@link RoutingFilterFallbacks} says which routes take Spring
 * Cloud Gateway's for their filters.
 */
final class RoutingFilters implements GlobalFilter, Ordered {

    private static final String SPRING_CLOUD_GATEWAYS = "org.springframework.cloud.gateway.";
    private static final String OURS = "io.jwtgateway.gateway.";

    private final @Nullable GatewayRoutingFilter gateway;
    private final BackendHttpRouting springCloudGateway;
    private final int order;

    RoutingFilters(@Nullable GatewayRoutingFilter gateway, BackendHttpRouting springCloudGateway) {
        this.gateway = gateway;
        this.springCloudGateway = springCloudGateway;
        this.order = springCloudGateway.getOrder();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        GatewayRoutingFilter own = gateway;
        if (own != null && GatewayRoutingFilter.isRoutable(exchange)) {
            Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
            if (route != null && unknownFilter(route) == null) {
                return own.filter(exchange, chain, route);
            }
        }
        return springCloudGateway.filter(exchange, chain);
    }

    /** The first of the route's filters that is neither Spring Cloud Gateway's nor the gateway's; null: none is. */
    static @Nullable GatewayFilter unknownFilter(Route route) {
        for (GatewayFilter filter : route.getFilters()) {
            GatewayFilter unwrapped = filter instanceof OrderedGatewayFilter ordered ? ordered.getDelegate() : filter;
            String type = unwrapped.getClass().getName();
            if (!type.startsWith(SPRING_CLOUD_GATEWAYS) && !type.startsWith(OURS)) {
                return unwrapped;
            }
        }
        return null;
    }

    /** The gateway's routing filter; null when Spring Cloud Gateway's routes every request. */
    @Nullable GatewayRoutingFilter gatewaysOwn() {
        return gateway;
    }

    BackendHttpRouting springCloudGateways() {
        return springCloudGateway;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
