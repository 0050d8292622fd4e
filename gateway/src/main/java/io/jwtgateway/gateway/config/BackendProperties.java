package io.jwtgateway.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the backend service runs ({@code gateway.backend.*}). Routes send to {@code lb://backend}, which resolves
 * to these URIs in turn.
 *
 * @param uris the backend instances, as absolute http(s) URIs with no path
 */
@Validated
@ConfigurationProperties("gateway.backend")
public record BackendProperties(@DefaultValue("http://localhost:8081") @NotEmpty List<URI> uris) {

    public BackendProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < uris.size(); i++) {
            if (!isBare(uris.get(i))) {
                problems.add("gateway.backend.uris[" + i + "]",
                        "must be an absolute http(s) URI without a path, like http://localhost:8081");
            }
        }
        problems.throwIfAny();
        uris = List.copyOf(uris);
    }

    private static boolean isBare(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        return http && uri.getHost() != null && noPath && uri.getRawQuery() == null;
    }
}
