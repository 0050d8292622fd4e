package io.jwtgateway.gateway.http;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The Netty headers a request arrived with, when its headers are still those: read in one walk, where the Spring view
 * of them builds a set of names and a list per name. Null when a filter has replaced the request's headers (a route's
 * {@code AddRequestHeader}, or any {@code mutate()} of them) or the request did not come through Reactor Netty.
 */
final class NettyRequestHeaders {

    /** Spring's request of Reactor Netty, not public: its headers are a view of the Netty ones. */
    static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    private NettyRequestHeaders() {
    }

    static io.netty.handler.codec.http.@Nullable HttpHeaders of(ServerHttpRequest request) {
        ServerHttpRequest server = request;
        while (server instanceof ServerHttpRequestDecorator decorator) {
            server = decorator.getDelegate();
        }
        if (server.getHeaders() != request.getHeaders() || !server.getClass().getName().equals(REACTOR_REQUEST)
                || !(((AbstractServerHttpRequest) server).getNativeRequest() instanceof HttpServerRequest netty)) {
            return null;
        }
        return netty.requestHeaders();
    }
}
