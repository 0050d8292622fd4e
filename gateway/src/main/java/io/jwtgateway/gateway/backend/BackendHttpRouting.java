package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing filter, with two costs of every request taken off and its behaviour kept:
 * <ul>
 * <li>the backend request's headers are built in one copy ({@link OnePassRequestHeaders}) rather than one per header
 * filter, when the header filters are those it stands for; the response's headers go through every filter as before;
 * <li>the HTTP client is not configured anew for each request. Spring Cloud Gateway sets the connect timeout on a copy
 * of its client per request whenever one is configured (and the gateway always configures one); the client it was
 * built with already has the global one, and a route's own is set once per value and kept.
 * </ul>
 */
class BackendHttpRouting extends NettyRoutingFilter {

    private final HttpClient httpClient;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final Map<Object, HttpClient> withRouteConnectTimeout = new ConcurrentHashMap<>();
    private volatile @Nullable List<HttpHeadersFilter> filters;

    BackendHttpRouting(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
                       HttpClientProperties properties) {
        super(httpClient, headersFilters, properties);
        this.httpClient = httpClient;
        this.headersFilters = headersFilters;
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
