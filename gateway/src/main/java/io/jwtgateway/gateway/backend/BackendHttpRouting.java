package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing filter, with two costs of every request taken off and its behaviour kept:
 * <ul>
 * <li>the backend request's headers are built in one copy ({@link OnePassRequestHeaders}) rather than one per header
 * filter, when the header filters are those it stands for; the response's headers go through every filter as before;
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
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final @Nullable Duration responseTimeout;
    private final Map<Object, HttpClient> withRouteConnectTimeout = new ConcurrentHashMap<>();
    private final EventLoopTimers timers = new EventLoopTimers();
    private volatile @Nullable List<HttpHeadersFilter> filters;

    BackendHttpRouting(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties) {
        super(httpClient, headersFilters, withoutResponseTimeout(properties));
        this.httpClient = httpClient;
        this.headersFilters = headersFilters;
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
        boolean routedHere = !isAlreadyRouted(exchange) && isHttp(exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR));
        Mono<Void> routed = super.filter(exchange, chain);
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (!routedHere || responseTimeout == null || route == null
                || route.getMetadata().containsKey(RESPONSE_TIMEOUT_ATTR)) {
            return routed;
        }
        return timers.limit(routed, responseTimeout, exchange);
    }

    private static boolean isHttp(@Nullable URI url) {
        return url != null && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
    }

    /**
     * The one pass for the request and every response filter, or, when one pass cannot stand for the request filters,
     * all filters as Spring Cloud Gateway has them.
     */
    @Override
    public @Nullable List<HttpHeadersFilter> getHeadersFilters() {
        List<HttpHeadersFilter> current = filters;
        if (current == null) {
            List<HttpHeadersFilter> all = headersFilters.getIfAvailable(List::of);
            current = onePass(all);
            filters = current;
        }
        return current;
    }

    static List<HttpHeadersFilter> onePass(List<HttpHeadersFilter> all) {
        OnePassRequestHeaders request = OnePassRequestHeaders.replacing(all);
        if (request == null) {
            return all;
        }
        List<HttpHeadersFilter> filters = new ArrayList<>();
        filters.add(request);
        for (HttpHeadersFilter filter : all) {
            if (filter.supports(HttpHeadersFilter.Type.RESPONSE)) {
                filters.add(filter.supports(HttpHeadersFilter.Type.REQUEST) ? new ResponseOnly(filter) : filter);
            }
        }
        return List.copyOf(filters);
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

    /** A filter of both requests and responses, for responses only: one pass has done its part of the request. */
    private record ResponseOnly(HttpHeadersFilter filter) implements HttpHeadersFilter {

        @Override
        public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
            return filter.filter(input, exchange);
        }

        @Override
        public boolean supports(Type type) {
            return type == Type.RESPONSE;
        }
    }
}
