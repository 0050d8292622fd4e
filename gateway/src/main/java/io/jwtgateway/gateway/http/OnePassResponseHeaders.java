package io.jwtgateway.gateway.http;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedResponseHttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * A backend response's headers onto the client's response in one pass, doing what the response header filters of a
 * default Spring Cloud Gateway configuration do: drop the hop-by-hop headers and those the backend names in
 * {@code Connection}, and those the gateway's own filters drop ({@link BackendResponseHeadersDrop}); then let the
 * filters that only read them (gRPC's trailers, the backend call's span while tracing is on) see the result. Spring Cloud Gateway's routing filter
 * copies the backend's headers into a map, each filter copies that, and the result is added to the response. Stands
 * for those filters only when they are all there is ({@link #replacing}).
 */
public final class OnePassResponseHeaders {

    private final Set<String> hopByHop;
    private final List<BackendResponseHeadersDrop> drops;
    private final List<HttpHeadersFilter> readers;

    private OnePassResponseHeaders(Set<String> hopByHop, List<BackendResponseHeadersDrop> drops,
            List<HttpHeadersFilter> readers) {
        this.hopByHop = hopByHop;
        this.drops = List.copyOf(drops);
        this.readers = List.copyOf(readers);
    }

    /** The header filters whose work the pass does, or that it lets read what it wrote. */
    public static List<Class<?>> standsFor() {
        return List.of(RemoveHopByHopHeadersFilter.class, GRPCResponseHeadersFilter.class,
                ObservedResponseHttpHeadersFilter.class);
    }

    /** One pass for the response header filters given, or null when one of them is not one it knows to stand for. */
    public static @Nullable OnePassResponseHeaders replacing(List<HttpHeadersFilter> filters) {
        Set<String> hopByHop = null;
        List<BackendResponseHeadersDrop> drops = new ArrayList<>();
        List<HttpHeadersFilter> readers = new ArrayList<>();
        for (HttpHeadersFilter filter : filters) {
            if (!filter.supports(HttpHeadersFilter.Type.RESPONSE)) {
                continue;
            }
            Class<?> type = filter.getClass();
            if (type == RemoveHopByHopHeadersFilter.class && hopByHop == null) {
                hopByHop = HopByHop.matchedNames(((RemoveHopByHopHeadersFilter) filter).getHeaders());
            } else if (filter instanceof BackendResponseHeadersDrop drop) {
                drops.add(drop);
            } else if (type == GRPCResponseHeadersFilter.class || type == ObservedResponseHttpHeadersFilter.class) {
                readers.add(filter);    // they read the headers (for gRPC's trailers, the span) and change none
            } else {
                return null;
            }
        }
        return hopByHop == null ? null : new OnePassResponseHeaders(hopByHop, drops, readers);
    }

    /**
     * Adds the backend's headers but the dropped ones to the response's, after any a filter set before routing; takes
     * off a {@code Transfer-Encoding} set before when the backend's length stands, as Spring Cloud Gateway does.
     *
     * @return the names of the headers added, which a retry takes off the response again
     *         ({@code ServerWebExchangeUtils.reset}): a view, read only then
     */
    public Set<String> write(io.netty.handler.codec.http.HttpHeaders backend, ServerWebExchange exchange) {
        HttpHeaders response = exchange.getResponse().getHeaders();
        Set<String> namedInConnection = HopByHop.namedInConnection(backend);
        boolean length = false;
        boolean encoding = false;
        for (Map.Entry<String, String> header : backend) {
            String name = header.getKey();
            if (isDropped(name, namedInConnection)) {
                continue;
            }
            length |= name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH);
            encoding |= name.equalsIgnoreCase(HttpHeaders.TRANSFER_ENCODING);
            response.add(name, header.getValue());
        }
        if (length && !encoding) {
            response.remove(HttpHeaders.TRANSFER_ENCODING);
        }
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).filter(response, exchange);
        }
        return new AddedNames(backend, namedInConnection);
    }

    /** The backend's header names this pass keeps, worked out only if a retry asks. */
    private final class AddedNames extends AbstractSet<String> {

        private final io.netty.handler.codec.http.HttpHeaders backend;
        private final @Nullable Set<String> namedInConnection;

        AddedNames(io.netty.handler.codec.http.HttpHeaders backend, @Nullable Set<String> namedInConnection) {
            this.backend = backend;
            this.namedInConnection = namedInConnection;
        }

        private Set<String> names() {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : backend.names()) {
                if (!isDropped(name, namedInConnection)) {
                    names.add(name);
                }
            }
            return names;
        }

        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }

        @Override
        public int size() {
            return names().size();
        }

        @Override
        public boolean contains(Object name) {
            return names().contains(name);          // ignoring case, as a set of header names does
        }
    }

    private boolean isDropped(String name, @Nullable Set<String> namedInConnection) {
        if (hopByHop.contains(name) || (namedInConnection != null && namedInConnection.contains(name))) {
            return true;
        }
        for (int i = 0; i < drops.size(); i++) {
            if (drops.get(i).drops(name)) {
                return true;
            }
        }
        return false;
    }

}
