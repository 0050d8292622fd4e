package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing filter, its header filters run one by one as Spring Cloud Gateway has them (the
 * reference the gateway's own routing filter is held to), with two costs of every request taken off:
 * <ul>
 * <li>the HTTP client is not configured anew for each request. Spring Cloud Gateway sets the connect timeout on a copy
 * of its client per request whenever one is configured (and the gateway always configures one); the client it was
 * built with already has the global one, and a route's own is set once per value and kept;
 * <li>the response timeout ({@code gateway.backend.response-timeout}: the time until the backend's response headers,
 * then 504) is timed on the request's own event loop instead of Reactor's shared timer threads, whose queue takes a
 * lock to add and to cancel each request's timer. A route's own {@code response-timeout} is Spring Cloud Gateway's to
 * time, as before.
 * </ul>
 */
class BackendHttpRouting extends NettyRoutingFilter {

    private final HttpClient httpClient;
    private final @Nullable Duration responseTimeout;
    private final Map<Object, HttpClient> withRouteConnectTimeout = new ConcurrentHashMap<>();
    private final EventLoopTimers timers = new EventLoopTimers();

    BackendHttpRouting(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties) {
        super(httpClient, headersFilters, withoutResponseTimeout(properties));
        this.httpClient = httpClient;
        this.responseTimeout = properties.getResponseTimeout();
    }

    /** The properties for Spring Cloud Gateway's part: the same connect timeout, and no global response timeout. */
    private static HttpClientProperties withoutResponseTimeout(HttpClientProperties properties) {
        HttpClientProperties routing = new HttpClientProperties();
        routing.setConnectTimeout(properties.getConnectTimeout());
        return routing;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        boolean routedHere = GatewayRoutingFilter.isRoutable(exchange);
        Mono<Void> routed = super.filter(exchange, chain);
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (!routedHere || responseTimeout == null || route == null
                || route.getMetadata().containsKey(RESPONSE_TIMEOUT_ATTR)) {
            return routed;
        }
        return timers.limit(routed, responseTimeout, exchange);
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Object connectTimeout = route.getMetadata().get(CONNECT_TIMEOUT_ATTR);
        if (connectTimeout == null) {
            return httpClient;              // configured with the global connect timeout when it was built
        }
        return withRouteConnectTimeout.computeIfAbsent(connectTimeout,
                timeout -> super.getHttpClient(route, exchange));
    }

}
