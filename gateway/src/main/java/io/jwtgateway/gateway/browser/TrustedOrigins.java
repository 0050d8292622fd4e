package io.jwtgateway.gateway.browser;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whether a request comes from a page the gateway trusts: its own origin, or one the CORS configuration allows for the
 * path. The CSRF defence of a cookie token (OWASP's "verifying origin with standard headers"): the request's
 * {@code Origin}, or without one its {@code Referer}. A request with neither, or with {@code Origin: null} (a sandboxed
 * or privacy-sensitive context), is not trusted.
 */
@Component
public class TrustedOrigins {

    private final CorsPolicies policies;

    TrustedOrigins(CorsPolicies policies) {
        this.policies = policies;
    }

    /** Whether the request's origin is the gateway's own or an allowed CORS origin for its path. */
    public boolean trusts(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = originOf(request.getHeaders());
        if (origin == null) {
            return false;
        }
        if (origin.equals(serialized(request.getURI()))) {
            return true;
        }
        CorsConfiguration configuration = policies.forRequest(exchange);
        return configuration != null && configuration.checkOrigin(origin) != null;
    }

    /** The {@code Origin} header, else the origin of the {@code Referer}; null when neither names one. */
    private static @Nullable String originOf(HttpHeaders headers) {
        String origin = headers.getOrigin();
        if (origin != null) {
            return "null".equals(origin) ? null : normalized(origin);
        }
        String referer = headers.getFirst(HttpHeaders.REFERER);
        return referer == null ? null : normalized(referer);
    }

    /** {@code scheme://host[:port]} in lower case, the default port left out; null when it is not an http(s) URL. */
    private static @Nullable String normalized(String url) {
        try {
            URI uri = new URI(url.strip());
            return uri.getHost() == null ? null : serialized(uri);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The origin of an http(s) URI as RFC 6454 §6.2 writes it; null for any other scheme. */
    private static @Nullable String serialized(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == ("http".equals(scheme) ? 80 : 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
