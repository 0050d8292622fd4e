package io.jwtgateway.gateway.observe;

import io.jwtgateway.gateway.http.BackendRequestHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the request's id on the backend request as the routing filter builds its headers: the client's own when
 * {@link RequestId} kept it, else the generated one in place of whatever the client sent. Set among the last header
 * filters, after the hop-by-hop one, so a client that names {@code X-Request-Id} in {@code Connection} cannot take it
 * off; and set there rather than on the exchange, which would copy every request's headers once more.
 */
@Component
class ForwardedRequestId implements BackendRequestHeadersFilter {

    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        String id = RequestId.of(exchange);
        if (id != null) {
            headers.set(RequestId.HEADER, id);
        }
    }
}
