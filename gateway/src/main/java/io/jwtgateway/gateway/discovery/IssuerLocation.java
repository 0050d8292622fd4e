package io.jwtgateway.gateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.jwtgateway.gateway.http.EndpointPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the gateway's published URLs start, read from {@code gateway.auth.issuer}. An issuer that is an absolute
 * http(s) URL (RFC 8414 §2: the public base URL in production) is the base of every published URL; any other issuer,
 * such as the default {@code jwt-gateway}, leaves the base to each request's own origin.
 */
public final class IssuerLocation {

    private final @Nullable String base;
    private final Set<String> metadataPaths;

    private IssuerLocation(@Nullable String base, Set<String> metadataPaths) {
        this.base = base;
        this.metadataPaths = Set.copyOf(metadataPaths);
    }

    public static IssuerLocation of(String issuer) {
        URI uri = absoluteHttpUrl(issuer);
        Set<String> paths = new LinkedHashSet<>();
        paths.add(EndpointPaths.METADATA);
        if (uri == null) {
            return new IssuerLocation(null, paths);
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!rawPath.isEmpty() && !rawPath.equals("/")) {
            // RFC 8414 §3: the well-known segment goes between host and path, the path losing a terminating "/".
            paths.add(EndpointPaths.METADATA + withoutTrailingSlash(rawPath));
        }
        if (rawPath.endsWith("/")) {
            // What Spring Security's issuer-uri discovery asks for: the path as configured, "/" and all.
            paths.add(EndpointPaths.METADATA + rawPath);
        }
        return new IssuerLocation(withoutTrailingSlash(issuer), paths);
    }

    /** The issuer without one trailing {@code /}, else the origin ({@code scheme://host[:port]}) the request came to. */
    public String base(URI requestUri) {
        if (base != null) {
            return base;
        }
        return UriComponentsBuilder.newInstance()
                .scheme(requestUri.getScheme())
                .host(requestUri.getHost())
                .port(requestUri.getPort())
                .toUriString();
    }

    /** The raw request paths the metadata document is served at. */
    Set<String> metadataPaths() {
        return metadataPaths;
    }

    /** RFC 8414 §2: https (http for local use), a host, and no query or fragment, since paths are appended to it. */
    private static @Nullable URI absoluteHttpUrl(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException notAUrl) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        return uri;
    }

    private static String withoutTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
