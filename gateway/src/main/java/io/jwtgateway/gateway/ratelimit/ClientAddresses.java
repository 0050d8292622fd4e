package io.jwtgateway.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.http.AddressRange;
import io.jwtgateway.gateway.http.TrustedProxies;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client's address: the connection's, unless the connection comes from a trusted proxy. Then
 * {@code X-Forwarded-For} is read from the right, skipping the trusted proxies' own entries; the first other address
 * is the client, since everything to its left was written by the client and proves nothing. An untrusted peer's
 * {@code X-Forwarded-For} is ignored whole, so a client cannot pick its own bucket.
 */
@Component
class ClientAddresses {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies trustedProxies;

    ClientAddresses(RateLimitProperties properties) {
        this.trustedProxies = TrustedProxies.of(properties.trustedProxies());
    }

    /** The client's address, or null when the connection's address is unknown. */
    @Nullable InetAddress clientOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().get(X_FORWARDED_FOR);
        return forwarded == null ? peer : rightmostUntrusted(forwarded, peer);
    }

    /**
     * Walks the hops from the right. An entry that is not an address stops the walk at the last proxy that could be
     * vouched for; when every entry is a trusted proxy, the leftmost is the client.
     */
    private InetAddress rightmostUntrusted(List<String> headerLines, InetAddress peer) {
        InetAddress client = peer;
        for (int line = headerLines.size() - 1; line >= 0; line--) {
            String[] entries = headerLines.get(line).split(",");
            for (int i = entries.length - 1; i >= 0; i--) {
                InetAddress hop = AddressRange.literal(withoutPort(entries[i].strip()));
                if (hop == null) {
                    return client;
                }
                client = hop;
                if (!trustedProxies.contains(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }

    /** {@code 192.0.2.7:4711} and {@code [2001:db8::7]:4711}, which some proxies write, without the port. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }
}
