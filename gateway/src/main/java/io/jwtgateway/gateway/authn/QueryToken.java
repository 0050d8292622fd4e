package io.jwtgateway.gateway.authn;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@code access_token} query parameter (RFC 6750 §2.3), accepted on WebSocket upgrade requests only: a browser
 * cannot set a header on a WebSocket. It is taken off the request before anything forwards it, on every upgrade
 * request, and the access log never writes a query, so the token reaches no backend and no log.
 */
public final class QueryToken {

    /** The parameter's name (RFC 6750 §2.3). */
    public static final String PARAMETER = "access_token";

    private QueryToken() {
    }

    /** Whether the request asks to open a WebSocket (RFC 6455 §4.1): a GET with {@code Upgrade: websocket}. */
    public static boolean isWebSocketUpgrade(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.GET
                && "websocket".equalsIgnoreCase(request.getHeaders().getFirst(HttpHeaders.UPGRADE));
    }

    /** The parameter's values on an upgrade request; null on any other request, or when there is none. */
    static @Nullable List<String> values(ServerHttpRequest request) {
        if (request.getURI().getRawQuery() == null || !isWebSocketUpgrade(request)) {
            return null;
        }
        return request.getQueryParams().get(PARAMETER);
    }

    /** The exchange with the parameter taken off an upgrade request's URI; the same exchange when there is none. */
    public static ServerWebExchange strip(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (values(request) == null) {
            return exchange;
        }
        URI uri = request.getURI();
        StringJoiner kept = new StringJoiner("&");
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (!pair.isEmpty() && !PARAMETER.equals(decoded(equals < 0 ? pair : pair.substring(0, equals)))) {
                kept.add(pair);
            }
        }
        URI stripped = UriComponentsBuilder.fromUri(uri)
                .replaceQuery(kept.length() == 0 ? null : kept.toString())
                .build(true)
                .toUri();
        return exchange.mutate().request(builder -> builder.uri(stripped)).build();
    }

    /** Decoded as Spring decodes query parameters; a malformed escape is left as it is, as Spring leaves it. */
    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }
}
