package io.jwtgateway.gateway.dpop;

import java.net.URI;
import java.util.Locale;

import io.jwtgateway.gateway.config.DpopProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The {@code htu} a request's proof must name (RFC 9449 §4.3): the request's URL without query and fragment, from
 * {@code gateway.auth.dpop.public-base-url} when a proxy in front changes scheme, host or port. Both sides are
 * compared after RFC 3986 §6.2.2–6.2.3 normalization of scheme, host and port: case, a default port, an empty path.
 */
@Component
class ProofTarget {

    private final @Nullable String publicBase;

    ProofTarget(DpopProperties properties) {
        URI base = properties.publicBaseUrl();
        this.publicBase = base == null ? null : withoutTrailingSlash(origin(base) + base.getRawPath());
    }

    /** The URL the request's proof must name, normalized. */
    String of(ServerHttpRequest request) {
        URI uri = request.getURI();
        String path = path(uri);
        return publicBase != null ? publicBase + path : origin(uri) + path;
    }

    /** A proof's {@code htu}, normalized, its query and fragment dropped; null when it is not an http(s) URL. */
    static @Nullable String normalized(String htu) {
        URI uri;
        try {
            uri = new URI(htu);
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = "http".equals(scheme) || "https".equals(scheme);
        if (uri.getHost() == null || !http || uri.getRawUserInfo() != null) {
            return null;
        }
        return origin(uri) + path(uri);
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
