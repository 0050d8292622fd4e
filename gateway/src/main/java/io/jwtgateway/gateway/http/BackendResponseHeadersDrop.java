package io.jwtgateway.gateway.http;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;

/**
 * A response header filter of the gateway's that only leaves some of the backend's headers off the response: the
 * gateway's routing filter asks it of each header in its one pass ({@link OnePassResponseHeaders}) instead of letting
 * it copy them.
 */
public interface BackendResponseHeadersDrop extends HttpHeadersFilter {

    /** Whether the backend's header of this name stays off the response; asked of every header, so it must be cheap. */
    boolean drops(String name);
}
