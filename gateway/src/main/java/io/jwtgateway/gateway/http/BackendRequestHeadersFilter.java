package io.jwtgateway.gateway.http;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;

/**
 * A header filter of the backend request that runs after all of Spring Cloud Gateway's own, the hop-by-hop one
 * ({@code LOWEST_PRECEDENCE - 1}) included: what it adds cannot be taken off by a header the client names in
 * {@code Connection}, and the headers it gets are already a copy it may change ({@link WritableHeaders}).
 */
public interface BackendRequestHeadersFilter extends HttpHeadersFilter, Ordered {

    @Override
    default boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    default int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
