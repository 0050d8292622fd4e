package io.jwtgateway.gateway.http;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;

/**
 * A header filter of the backend request that runs at {@link FilterOrder#BACKEND_REQUEST_HEADERS}: after Spring Cloud
 * Gateway's hop-by-hop filter, so what it adds cannot be taken off by a header the client names in {@code Connection},
 * and the headers it gets are already a copy it may change ({@link WritableHeaders}). Only filters of the same order
 * may run later, such as the gRPC one, which adds.
 */
public interface BackendRequestHeadersFilter extends HttpHeadersFilter, Ordered {

    @Override
    default boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    default int getOrder() {
        return FilterOrder.BACKEND_REQUEST_HEADERS;
    }
}
