package io.jwtgateway.gateway.http;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The backend request's headers built in one copy, doing what the request header filters of a default Spring Cloud
 * Gateway configuration do, each with a copy of its own: drop {@code Forwarded} and {@code X-Forwarded-*} (no trusted
 * proxy is configured), the hop-by-hop headers ({@code ...filter.remove-hop-by-hop.headers}) and those the client
 * names in {@code Connection}, {@code Content-Length} beside a chunked {@code Transfer-Encoding}; add
 * {@code te: trailers} to a gRPC request; then the gateway's own ({@link BackendRequestHeaders}); last, while tracing
 * is on, Spring Cloud Gateway's observed filter, which starts the backend call's span and adds its
 * {@code traceparent}. The gateway's routing filter writes it straight into the backend request's Netty headers
 * ({@link #write}). Stands for those filters only when they are all there is ({@link #replacing}): with a trusted
 * proxy, another order for the hop-by-hop filter or a header filter of any other kind, Spring Cloud Gateway's routing
 * filter sends the request and runs them one by one.
 */
public final class OnePassRequestHeaders {

    private static final String FORWARDED = "Forwarded";
    private static final String X_FORWARDED = "x-forwarded-";
    private static final int DEFAULT_HOP_BY_HOP_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private final Set<String> hopByHop;
    private final boolean forwarded;
    private final boolean xForwarded;
    private final boolean transferEncoding;
    private final boolean grpc;
    private final BackendRequestHeaders ours;
    private final @Nullable HttpHeadersFilter traced;

    private OnePassRequestHeaders(Set<String> hopByHop, boolean forwarded, boolean xForwarded,
            boolean transferEncoding, boolean grpc, BackendRequestHeaders ours, @Nullable HttpHeadersFilter traced) {
        this.hopByHop = hopByHop;
        this.forwarded = forwarded;
        this.xForwarded = xForwarded;
        this.transferEncoding = transferEncoding;
        this.grpc = grpc;
        this.ours = ours;
        this.traced = traced;
    }

    /**
     * The classes whose work the pass does: the header filters it stands for, and Spring's request of Reactor Netty,
     * whose headers it reads as Netty's ({@link NettyRequestHeaders}).
     */
    public static List<Class<?>> standsFor() {
        return List.of(RemoveHopByHopHeadersFilter.class, RemoveForwardedHeadersFilter.class,
                RemoveXForwardedHeadersFilter.class, TransferEncodingNormalizationHeadersFilter.class,
                GRPCRequestHeadersFilter.class, ObservedRequestHttpHeadersFilter.class,
                ClassUtils.resolveClassName(NettyRequestHeaders.REACTOR_REQUEST, null));
    }

    /**
     * One pass for the request header filters given, in their order, or null when one of them is not one it knows to
     * stand for: the routing filter then runs them one by one.
     */
    public static @Nullable OnePassRequestHeaders replacing(List<HttpHeadersFilter> filters) {
        Set<String> hopByHop = null;
        boolean forwarded = false;
        boolean xForwarded = false;
        boolean transferEncoding = false;
        boolean grpc = false;
        BackendRequestHeaders ours = new BackendRequestHeaders(List.of());
        HttpHeadersFilter traced = null;
        for (HttpHeadersFilter filter : filters) {
            if (!filter.supports(HttpHeadersFilter.Type.REQUEST)) {
                continue;
            }
            Class<?> type = filter.getClass();
            if (type == RemoveHopByHopHeadersFilter.class) {
                RemoveHopByHopHeadersFilter hops = (RemoveHopByHopHeadersFilter) filter;
                if (hops.getOrder() != DEFAULT_HOP_BY_HOP_ORDER) {
                    return null;        // ours must run after it, and the removals before what others add
                }
                hopByHop = HopByHop.matchedNames(hops.getHeaders());
            } else if (type == RemoveForwardedHeadersFilter.class) {
                forwarded = true;
            } else if (type == RemoveXForwardedHeadersFilter.class) {
                xForwarded = true;
            } else if (type == TransferEncodingNormalizationHeadersFilter.class) {
                transferEncoding = true;
            } else if (type == GRPCRequestHeadersFilter.class) {
                grpc = true;
            } else if (type == BackendRequestHeaders.class) {
                ours = (BackendRequestHeaders) filter;
            } else if (type == ObservedRequestHttpHeadersFilter.class && traced == null) {
                traced = filter;        // the span of the backend call, and its traceparent: last, on our copy
            } else {
                return null;
            }
        }
        if (hopByHop == null) {
            return null;
        }
        return new OnePassRequestHeaders(hopByHop, forwarded, xForwarded, transferEncoding, grpc, ours, traced);
    }

    /**
     * The pass written into Netty headers, the HTTP client's for the backend request: from the server's own Netty
     * headers when no filter has replaced the request's ({@link NettyRequestHeaders}; any {@code mutate()} of the
     * request, by {@code StripPrefix} for one, does), else from the request's; the gateway's edits then go onto those
     * Netty headers through a Spring view of them. Reactor Netty copies them once more into the request; Spring Cloud
     * Gateway's routing filter copies them once per header filter, then three times more.
     */
    public void write(ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders target) {
        HttpHeaders input = exchange.getRequest().getHeaders();
        io.netty.handler.codec.http.HttpHeaders server = NettyRequestHeaders.of(exchange.getRequest());
        if (server != null) {
            Set<String> namedInConnection = HopByHop.namedInConnection(server);
            boolean chunkedWithLength = transferEncoding && isChunkedWithLength(input);
            for (Map.Entry<String, String> header : server) {
                if (!isDropped(header.getKey(), namedInConnection, chunkedWithLength)) {
                    target.add(header.getKey(), header.getValue());
                }
            }
        } else {
            Set<String> namedInConnection = HopByHop.namedInConnection(input);
            boolean chunkedWithLength = transferEncoding && isChunkedWithLength(input);
            for (Map.Entry<String, List<String>> header : input.headerSet()) {
                if (!isDropped(header.getKey(), namedInConnection, chunkedWithLength)) {
                    target.add(header.getKey(), header.getValue());
                }
            }
        }
        if (grpc && StringUtils.startsWithIgnoreCase(input.getFirst(HttpHeaders.CONTENT_TYPE), "application/grpc")) {
            target.add("te", "trailers");
        }
        HttpHeaders view = new HttpHeaders(new Netty4HeadersAdapter(target));
        ours.edit(view, exchange);
        if (traced != null) {
            keep(traced.filter(view, exchange), target);
        }
    }

    /**
     * The observed filter's copy onto the headers it was made from: it takes off every trace context field the client
     * sent before it adds its own (a {@code tracestate} without a {@code traceparent} it continues goes).
     */
    private static void keep(HttpHeaders traced, io.netty.handler.codec.http.HttpHeaders target) {
        for (String name : List.copyOf(target.names())) {
            if (!traced.containsHeader(name)) {
                target.remove(name);
            }
        }
        for (Map.Entry<String, List<String>> header : traced.headerSet()) {
            if (!header.getValue().equals(target.getAll(header.getKey()))) {
                target.set(header.getKey(), header.getValue());
            }
        }
    }

    private boolean isDropped(String name, @Nullable Set<String> namedInConnection, boolean chunkedWithLength) {
        if (hopByHop.contains(name) || (namedInConnection != null && namedInConnection.contains(name))) {
            return true;
        }
        if ((forwarded && name.equalsIgnoreCase(FORWARDED))
                || (xForwarded && name.regionMatches(true, 0, X_FORWARDED, 0, X_FORWARDED.length()))
                || (chunkedWithLength && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH))) {
            return true;
        }
        return ours.isDropped(name);
    }

    private static boolean isChunkedWithLength(HttpHeaders input) {
        String encoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && "chunked".equalsIgnoreCase(encoding.trim())
                && input.containsHeader(HttpHeaders.CONTENT_LENGTH);
    }

}
