package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import io.jwtgateway.gateway.http.OnePassResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The gateway's routing filter, in the place of Spring Cloud Gateway's {@code NettyRoutingFilter}: sends the request
 * to the URL the route (and {@link BackendRouting}) chose, on Reactor Netty's client, and hands the backend's response
 * to the filters after it as Spring Cloud Gateway's does, so that its response writer streams the body and every route
 * filter works as with it. What differs is the cost:
 * <ul>
 * <li>the backend request's headers are built once, into the client's Netty headers
 * ({@link OnePassRequestHeaders#write}), from the Netty headers the request arrived with when no filter replaced
 * them, where Spring Cloud Gateway's copies them once per header filter and three times more;
 * <li>the response's status and headers are set once, from the backend's Netty headers
 * ({@link OnePassResponseHeaders#write});
 * <li>a route's connect timeout is set on the client once per value, and the response timeout is timed on the
 * request's event loop
 * ({@link EventLoopTimers}), for routes with a {@code response-timeout} of their own too.
 * </ul>
 * Stands for Spring Cloud Gateway's only with the header filters one pass each way knows
 * ({@link RoutingFilterReplacement} checks), and for routes whose filters it knows ({@link RoutingFilters} checks).
 */
final class GatewayRoutingFilter {

    private final HttpClient httpClient;
    private final OnePassRequestHeaders requestHeaders;
    private final OnePassResponseHeaders responseHeaders;
    private final @Nullable Duration responseTimeout;
    private final Map<Integer, HttpClient> withRouteConnectTimeout = new ConcurrentHashMap<>();
    private final EventLoopTimers timers = new EventLoopTimers();

    GatewayRoutingFilter(HttpClient httpClient, OnePassRequestHeaders requestHeaders,
            OnePassResponseHeaders responseHeaders, @Nullable Duration responseTimeout) {
        this.httpClient = httpClient;           // configured with the global connect timeout when it was built
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
        this.responseTimeout = responseTimeout;
    }

    /** Whether this request is one for a routing filter: an http(s) URL, not yet routed (by the WebSocket one). */
    static boolean isRoutable(ServerWebExchange exchange) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        return url != null && !isAlreadyRouted(exchange)
                && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
    }

    /** Sends a routable request ({@link #isRoutable}) of this route and hands its response on. */
    Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain, Route route) {
        setAlreadyRouted(exchange);
        URI url = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        boolean preserveHost = exchange.getAttributeOrDefault(PRESERVE_HOST_HEADER_ATTRIBUTE, false);
        Mono<Void> call = clientFor(route)
                .headers(headers -> {
                    requestHeaders.write(exchange, headers);
                    headers.remove(HttpHeaders.HOST);           // Reactor Netty sets the instance's
                    String host = preserveHost ? request.getHeaders().getFirst(HttpHeaders.HOST) : null;
                    if (host != null) {
                        headers.add(HttpHeaders.HOST, host);
                    }
                })
                .request(HttpMethod.valueOf(request.getMethod().name()))
                .uri(url.toASCIIString())
                .send((backendRequest, outbound) -> outbound.send(request.getBody().map(GatewayRoutingFilter::byteBuf)))
                .responseConnection((response, connection) -> answered(exchange, response, connection))
                .then();
        Duration timeout = responseTimeout(route);
        return (timeout == null ? call : timers.limit(call, timeout, exchange)).then(chain.filter(exchange));
    }

    /**
     * The backend's status and headers onto the response; the response and its connection left on the exchange, where
     * Spring Cloud Gateway's response writer takes the body from, after every filter has seen the headers.
     */
    private Mono<Void> answered(ServerWebExchange exchange, HttpClientResponse backend, Connection connection) {
        exchange.getAttributes().put(CLIENT_RESPONSE_ATTR, backend);
        exchange.getAttributes().put(CLIENT_RESPONSE_CONN_ATTR, connection);
        String contentType = backend.responseHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isEmpty()) {
            exchange.getAttributes().put(ORIGINAL_RESPONSE_CONTENT_TYPE_ATTR, contentType);   // ModifyResponseBody's
        }
        exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(backend.status().code()));
        Set<String> added = responseHeaders.write(backend.responseHeaders(), exchange);
        exchange.getAttributes().put(CLIENT_RESPONSE_HEADER_NAMES, added);      // what a retry takes off again
        return Mono.empty();
    }

    /** The client with the route's own connect timeout, made once per value. */
    private HttpClient clientFor(Route route) {
        Object connectTimeout = route.getMetadata().get(CONNECT_TIMEOUT_ATTR);
        if (connectTimeout == null) {
            return httpClient;
        }
        int millis = connectTimeout instanceof Integer value ? value : Integer.parseInt(connectTimeout.toString());
        return withRouteConnectTimeout.computeIfAbsent(millis,
                timeout -> httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout));
    }

    /**
     * The route's {@code response-timeout} (a negative one: none), else the global one; an unreadable value counts as
     * none set, as in Spring Cloud Gateway.
     */
    private @Nullable Duration responseTimeout(Route route) {
        Object value = route.getMetadata().get(RESPONSE_TIMEOUT_ATTR);
        if (value == null) {
            return responseTimeout;
        }
        try {
            long millis = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
            return millis < 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException unreadable) {
            return responseTimeout;
        }
    }

    /** The body's Netty buffer as it is; a copy only of a buffer of another kind (a filter's own). */
    private static ByteBuf byteBuf(DataBuffer buffer) {
        if (buffer instanceof NettyDataBuffer netty) {
            return netty.getNativeBuffer();
        }
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return Unpooled.wrappedBuffer(bytes);
    }

}
