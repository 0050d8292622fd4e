package io.jwtgateway.gateway.observe;

import io.jwtgateway.gateway.http.BackendResponseHeadersDrop;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the {@code X-Request-Id} a backend answers with, as routing copies its response headers: the response already
 * carries the gateway's id (set by {@link RequestId}), and the routing filter adds backend headers to it rather than
 * replacing them, so the client would see two. The sample backend echoes the gateway's id; another backend may not.
 * The request side is {@link ForwardedRequestId}.
 */
@Component
class BackendRequestIds implements BackendResponseHeadersDrop {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!input.containsHeader(RequestId.HEADER)) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.addAll(input);
        filtered.remove(RequestId.HEADER);
        return filtered;
    }

    @Override
    public boolean drops(String name) {
        return name.equalsIgnoreCase(RequestId.HEADER);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
