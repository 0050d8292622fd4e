package io.jwtgateway.gateway.http;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * A header filter of the backend request, in two parts: which of the client's headers it leaves off, and what it then
 * adds or changes. {@link OnePassRequestHeaders} asks the first while it copies the client's headers, once, and lets
 * each filter edit that copy. Run alone, as a header filter of its own at {@link FilterOrder#BACKEND_REQUEST_HEADERS}
 * (the WebSocket routing filter, or a configuration one pass cannot stand for), it does both on the headers it gets:
 * after Spring Cloud Gateway's hop-by-hop filter, so what it adds cannot be taken off by a header the client names in
 * {@code Connection}, and on headers that are already a copy it may change (those filters build a new plain one).
 */
public interface BackendRequestHeadersFilter extends HttpHeadersFilter, Ordered {

    /** Whether a header the client sent stays off the backend request; asked of every header, so it must be cheap. */
    default boolean drops(String name) {
        return false;
    }

    /** Adds to or changes the backend request's headers: a copy of the client's, without the dropped ones. */
    void edit(HttpHeaders headers, ServerWebExchange exchange);

    @Override
    default HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = writable(input);
        List<String> dropped = new ArrayList<>(0);
        for (String name : headers.headerNames()) {
            if (drops(name)) {
                dropped.add(name);
            }
        }
        dropped.forEach(headers::remove);
        edit(headers, exchange);
        return headers;
    }

    /** The headers themselves when they are a plain, writable {@link HttpHeaders}; else a copy, as of a request's. */
    private static HttpHeaders writable(HttpHeaders input) {
        if (input.getClass() == HttpHeaders.class) {
            return input;
        }
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(input);
        return copy;
    }

    @Override
    default boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    default int getOrder() {
        return FilterOrder.BACKEND_REQUEST_HEADERS;
    }
}
