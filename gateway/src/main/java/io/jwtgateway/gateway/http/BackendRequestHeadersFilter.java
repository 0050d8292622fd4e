package io.jwtgateway.gateway.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * One of the gateway's own edits of the backend request's headers, in two parts: which of the client's headers it
 * leaves off, and what it then adds or changes. They run together, never one by one ({@link BackendRequestHeaders}):
 * every one's drops apply to the client's headers before any adds its own, so one's drop (the client's
 * {@code X-Auth-*}) never takes off what another added (the gateway's {@code X-Auth-Assertion}).
 * {@link OnePassRequestHeaders} asks the drops while it copies the client's headers, once, and lets each edit that
 * copy.
 */
public interface BackendRequestHeadersFilter extends Ordered {

    /** Whether a header the client sent stays off the backend request; asked of every header, so it must be cheap. */
    default boolean drops(String name) {
        return false;
    }

    /** Adds to or changes the backend request's headers: a copy of the client's, without the dropped ones. */
    void edit(HttpHeaders headers, ServerWebExchange exchange);

    /** This one alone, drops then edits, on a copy of {@code input}: for tests. */
    default HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return new BackendRequestHeaders(List.of(this)).filter(input, exchange);
    }

    @Override
    default int getOrder() {
        return FilterOrder.BACKEND_REQUEST_HEADERS;
    }
}
