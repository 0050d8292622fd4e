package io.jwtgateway.gateway.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The backend request's headers built in one copy, doing what the request header filters of a default Spring Cloud
 * Gateway configuration do, each with a copy of its own: drop {@code Forwarded} and {@code X-Forwarded-*} (no trusted
 * proxy is configured), the hop-by-hop headers ({@code ...filter.remove-hop-by-hop.headers}) and those the client
 * names in {@code Connection}, {@code Content-Length} beside a chunked {@code Transfer-Encoding}; add
 * {@code te: trailers} to a gRPC request; then the gateway's own ({@link BackendRequestHeaders}); last, while tracing
 * is on, Spring Cloud Gateway's observed filter, which starts the backend call's span and adds its
 * {@code traceparent}. Stands for those filters only when they are all there is ({@link #replacing}): with a trusted
 * proxy, another order for the hop-by-hop filter or a header filter of any other kind, the filters run one by one as
 * in Spring Cloud Gateway.
 */
public final class OnePassRequestHeaders implements HttpHeadersFilter {

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
            if (!filter.supports(Type.REQUEST)) {
                continue;
            }
            Class<?> type = filter.getClass();
            if (type == RemoveHopByHopHeadersFilter.class) {
                RemoveHopByHopHeadersFilter hops = (RemoveHopByHopHeadersFilter) filter;
                if (hops.getOrder() != DEFAULT_HOP_BY_HOP_ORDER) {
                    return null;        // ours must run after it, and the removals before what others add
                }
                hopByHop = matchedNames(hops.getHeaders());
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
     * The names the hop-by-hop filter removes, to compare ignoring case: it compares each header's lower-cased name
     * with its set, so only the set's lower-case names ever match.
     */
    private static Set<String> matchedNames(Set<String> configured) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : configured) {
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Set<String> namedInConnection = namedInConnection(input);
        boolean chunkedWithLength = transferEncoding && isChunkedWithLength(input);
        HttpHeaders headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            String name = header.getKey();
            if (!isDropped(name, namedInConnection, chunkedWithLength)) {
                headers.addAll(name, header.getValue());
            }
        }
        if (grpc && StringUtils.startsWithIgnoreCase(input.getFirst(HttpHeaders.CONTENT_TYPE), "application/grpc")) {
            headers.add("te", "trailers");
        }
        ours.edit(headers, exchange);
        return traced == null ? headers : traced.filter(headers, exchange);
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

    private static @Nullable Set<String> namedInConnection(HttpHeaders input) {
        if (!input.containsHeader(HttpHeaders.CONNECTION)) {
            return null;
        }
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(input.getConnection());
        return names;
    }

    private static boolean isChunkedWithLength(HttpHeaders input) {
        String encoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && "chunked".equalsIgnoreCase(encoding.trim())
                && input.containsHeader(HttpHeaders.CONTENT_LENGTH);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
