package io.jwtgateway.gateway.http;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's own edits of the backend request's headers ({@link BackendRequestHeadersFilter}s, in their order) as
 * one header filter, at {@link FilterOrder#BACKEND_REQUEST_HEADERS}: after Spring Cloud Gateway's hop-by-hop filter,
 * so what they add cannot be taken off by a header the client names in {@code Connection}. Copies the headers it gets
 * without those any of them drops, then lets each edit the copy. {@link OnePassRequestHeaders} does the same in its
 * one copy; this runs where one pass cannot stand for the filters: the WebSocket routing filter, a trusted proxy, a
 * header filter of another kind (tracing's).
 */
@Component
public class BackendRequestHeaders implements HttpHeadersFilter, Ordered {

    private final List<BackendRequestHeadersFilter> filters;

    public BackendRequestHeaders(List<BackendRequestHeadersFilter> filters) {
        this.filters = List.copyOf(filters);            // sorted by their order, as Spring injects them
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (!isDropped(header.getKey())) {
                headers.addAll(header.getKey(), header.getValue());
            }
        }
        edit(headers, exchange);
        return headers;
    }

    /** Whether any of them leaves this header of the client's off. */
    boolean isDropped(String name) {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).drops(name)) {
                return true;
            }
        }
        return false;
    }

    /** Each one's additions and changes, in order, on headers already without the dropped ones. */
    void edit(HttpHeaders headers, ServerWebExchange exchange) {
        for (int i = 0; i < filters.size(); i++) {
            filters.get(i).edit(headers, exchange);
        }
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_REQUEST_HEADERS;
    }
}
