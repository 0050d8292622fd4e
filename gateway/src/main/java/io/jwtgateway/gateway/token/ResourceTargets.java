package io.jwtgateway.gateway.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.context.event.EventListener;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The service an RFC 8693 {@code resource} names (RFC 8707 §2: an absolute URI where the client will use the token).
 * Its scheme, host and port must be the gateway's public base ({@code gateway.auth.dpop.public-base-url}, else
 * {@code gateway.auth.issuer} when that is an http(s) URL), its path under the base's path, and the rest of its path
 * is matched against the routes' {@code Path} predicate patterns as Spring's {@link PathPatternParser} reads them.
 * Every route that may serve that path counts: one whose {@code Path} patterns match it, and one without a
 * {@code Path} predicate, which may serve any path (its other predicates are not evaluated without a request). The
 * resource names a service only when all of them send to the same {@code lb://} service; none, several, or a route
 * to a plain URL among them, and it names none. The routes are read once each time they are built.
 */
@Component
class ResourceTargets {

    private static final String PATH = "Path";
    private static final String LOAD_BALANCED = "lb";
    private static final PathPatternParser PARSER = new PathPatternParser();

    private final @Nullable URI base;
    private final RouteDefinitionLocator definitions;
    private volatile List<RouteTarget> routes = List.of();

    ResourceTargets(DpopProperties dpop, AuthProperties auth, RouteDefinitionLocator definitions) {
        this.base = dpop.publicBaseUrl() != null ? dpop.publicBaseUrl() : httpUrl(auth.issuer());
        this.definitions = definitions;
    }

    /** The one service the resource names; empty when it names none, or more than one. */
    Optional<String> serviceOf(String resource) {
        return pathUnderBase(resource).flatMap(this::serviceServing);
    }

    /** Reads every route's path patterns and service once the routes are built, at startup and on every refresh. */
    @EventListener
    void readAll(RefreshRoutesResultEvent event) {
        if (event.isSuccess()) {
            definitions.getRouteDefinitions()
                    .map(RouteTarget::of)
                    .collectList()
                    .subscribe(all -> routes = List.copyOf(all));
        }
    }

    private Optional<String> serviceServing(PathContainer path) {
        String service = null;
        for (RouteTarget route : routes) {
            if (route.mayServe(path)) {
                if (route.service() == null || (service != null && !service.equals(route.service()))) {
                    return Optional.empty();
                }
                service = route.service();
            }
        }
        return Optional.ofNullable(service);
    }

    /** The resource's path below the public base, when its scheme, host and port are the base's. */
    private Optional<PathContainer> pathUnderBase(String resource) {
        URI uri = httpUrl(resource);
        if (base == null || uri == null || uri.getRawFragment() != null || !origin(uri).equals(origin(base))) {
            return Optional.empty();
        }
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!prefix.isEmpty() && !path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String below = path.substring(prefix.length());
        return Optional.of(PathContainer.parsePath(below.isEmpty() ? "/" : below));
    }

    private static @Nullable URI httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = "http".equals(scheme) || "https".equals(scheme);
            return http && uri.getHost() != null && uri.getRawUserInfo() == null ? uri : null;
        } catch (URISyntaxException malformed) {
            return null;
        }
    }

    /** RFC 3986 §6.2.2–6.2.3: scheme and host in lower case, a default port left out. */
    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /**
     * A route's {@code Path} patterns (empty when it has no {@code Path} predicate: then it may serve any path) and
     * its {@code lb://} service, null for a route to a plain URL.
     *
     * @param patterns null when the route has no {@code Path} predicate
     */
    private record RouteTarget(@Nullable List<PathPattern> patterns, @Nullable String service) {

        static RouteTarget of(RouteDefinition route) {
            List<PathPattern> patterns = null;
            for (PredicateDefinition predicate : route.getPredicates()) {
                if (PATH.equalsIgnoreCase(predicate.getName())) {
                    List<PathPattern> these = patternsOf(predicate.getArgs());
                    patterns = patterns == null ? these : union(patterns, these);
                }
            }
            URI uri = route.getUri();
            boolean balanced = uri != null && LOAD_BALANCED.equalsIgnoreCase(uri.getScheme());
            return new RouteTarget(patterns, balanced ? uri.getHost() : null);
        }

        boolean mayServe(PathContainer path) {
            return patterns == null || patterns.stream().anyMatch(pattern -> pattern.matches(path));
        }

        /**
         * The patterns of one {@code Path} predicate: {@code Path=/a/**,/b} binds them as {@code _genkey_0},
         * {@code _genkey_1}, …; the long form names them {@code patterns}, a list or a comma-separated string. Its
         * {@code matchTrailingSlash} is not read.
         */
        private static List<PathPattern> patternsOf(Map<String, String> args) {
            List<PathPattern> patterns = new ArrayList<>();
            args.forEach((key, value) -> {
                if (key.startsWith("_genkey_") || key.startsWith("patterns")) {
                    for (String pattern : value.split(",")) {
                        if (!pattern.isBlank()) {
                            patterns.add(PARSER.parse(pattern.strip()));
                        }
                    }
                }
            });
            return patterns;
        }

        /**
         * Two {@code Path} predicates on one route must both match; taking either as enough counts more paths as that
         * route's, which may name its service for a path it does not serve, but never another service's.
         */
        private static List<PathPattern> union(List<PathPattern> first, List<PathPattern> second) {
            List<PathPattern> both = new ArrayList<>(first);
            both.addAll(second);
            return both;
        }
    }
}
