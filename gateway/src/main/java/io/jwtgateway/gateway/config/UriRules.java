package io.jwtgateway.gateway.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes of URIs and paths the backend properties accept, checked the same way for every service. */
final class UriRules {

    /** RFC 3986 §3.3 path-absolute: "/" [ segment-nz *( "/" segment ) ], so no query and no "//". */
    private static final String PCHAR = "([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
    private static final Pattern PATH = Pattern.compile("/(" + PCHAR + "+(/" + PCHAR + "*)*)?");

    private UriRules() {
    }

    /** An absolute http(s) URI with a host and nothing after the authority: an instance of a service. */
    static boolean isBare(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        return http && uri.getHost() != null && noPath && uri.getRawQuery() == null && uri.getRawFragment() == null;
    }

    /** A path a health check can ask for: absolute, without query or {@code //}. */
    static boolean isAbsolutePath(String path) {
        return PATH.matcher(path).matches();
    }
}
