package io.jwtgateway.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.backend.BackendRoutes;
import io.jwtgateway.gateway.policy.RoutePolicies;
import io.jwtgateway.gateway.refusal.InvalidField;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a route must be to be added at runtime: what a route of application.yml must be at startup (a clear policy in
 * its metadata, an {@code lb://} name of a configured service), and what only a route from the API is asked:
 * <ul>
 *   <li>an id of 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}: it names metrics and log lines;</li>
 *   <li>an {@code http}, {@code https}, {@code ws}, {@code wss} or {@code lb} URI with a host: a route sends to a
 *       backend, never {@code forward:} to the gateway's own handlers, which would pass them without their guard;</li>
 *   <li>a {@code Path} predicate none of whose patterns covers a path of the gateway's own endpoints or of the
 *       actuator ({@link ReservedPaths}), so no route added at runtime is a catch-all: one would send every unknown path
 *       to a backend instead of answering 404, on every replica at once;</li>
 *   <li>predicates and filters Spring Cloud Gateway knows and can build with the arguments given ({@link RouteTrial});
 *   </li>
 *   <li>an {@code order} no lower than any route of application.yml, which is matched first;</li>
 *   <li>{@code connect-timeout} and {@code response-timeout} metadata, when given, whole milliseconds.</li>
 * </ul>
 * Every problem names the member at fault by its JSON pointer ({@code #/uri}, {@code #/predicates/0},
 * {@code #/metadata/auth}).
 */
final class RouteChecks {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss", "lb");
    private static final String PATH = "Path";
    /** Where a route's own predicates and filters are tried: an address that is never called. */
    private static final URI TRIAL_URI = URI.create("http://route-trial.invalid");

    private final RouteTrial trial;
    private final ObjectProvider<RoutesFirstHandlerMapping> routesFirst;     // built from the routes, so looked up late
    private final Set<String> services;
    private final int lowestOrder;

    /**
     * @param services    the names of {@code gateway.services}
     * @param lowestOrder the highest order of a route of application.yml: a route added at runtime comes after
     */
    RouteChecks(RouteTrial trial, ObjectProvider<RoutesFirstHandlerMapping> routesFirst, Set<String> services,
            int lowestOrder) {
        this.trial = trial;
        this.routesFirst = routesFirst;
        this.services = Set.copyOf(services);
        this.lowestOrder = lowestOrder;
    }

    /** Every problem of the route; empty when it may be added. */
    Mono<List<InvalidField>> problems(RouteDefinition route) {
        List<InvalidField> problems = new ArrayList<>();
        id(route.getId(), problems);
        uri(route.getUri(), problems);
        if (route.getOrder() < lowestOrder) {
            problems.add(InvalidField.of("order", "must be at least " + lowestOrder
                    + ": the routes of application.yml are matched before those added at runtime"));
        }
        metadata(route, problems);
        List<PredicateDefinition> predicates = listOrEmpty(route.getPredicates());
        List<FilterDefinition> filters = listOrEmpty(route.getFilters());
        if (predicates.stream().noneMatch(predicate -> predicate != null && PATH.equals(predicate.getName()))) {
            problems.add(InvalidField.of("predicates", "needs a Path predicate naming the paths the route serves, "
                    + "such as Path=/orders/**"));
        }
        return Flux.concat(predicateProblems(predicates), filterProblems(filters))
                .collectList()
                .flatMap(parts -> whole(route, problems, parts));
    }

    /** Each part alone built; now the route as a whole, as each refresh will build it. */
    private Mono<List<InvalidField>> whole(RouteDefinition route, List<InvalidField> problems,
            List<InvalidField> parts) {
        problems.addAll(parts);
        if (!problems.isEmpty()) {
            return Mono.just(List.copyOf(problems));
        }
        return trial.builds(route)
                .map(builds -> builds
                        ? List.of()
                        : List.of(InvalidField.of("predicates", "together with the filters, cannot be built")));
    }

    private static void id(@Nullable String id, List<InvalidField> problems) {
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(InvalidField.of("id", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
        }
    }

    private void uri(@Nullable URI uri, List<InvalidField> problems) {
        String scheme = uri == null || uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || scheme == null || !SCHEMES.contains(scheme)) {
            problems.add(InvalidField.of("uri", "must be http(s)://<host>, ws(s)://<host> or lb://<service>: a "
                    + "route sends to a backend"));
        } else if (uri.getHost() == null) {
            problems.add(InvalidField.of("uri", "must name a host, or a service after lb://"));
        } else {
            BackendRoutes.unknownService(uri, services)
                    .ifPresent(reason -> problems.add(InvalidField.of("uri", reason)));
        }
    }

    private static void metadata(RouteDefinition route, List<InvalidField> problems) {
        RoutePolicies.problems(route)
                .forEach(problem -> problems.add(InvalidField.of(problem.property().replace('.', '/'),
                        problem.reason())));
        Map<String, Object> metadata = route.getMetadata() == null ? Map.of() : route.getMetadata();
        for (String key : List.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR)) {
            Object value = metadata.get(key);
            if (value != null && !(value instanceof Integer millis && millis > 0)) {
                problems.add(InvalidField.of("metadata/" + key, "must be a whole number of milliseconds, such as "
                        + "5000"));
            }
        }
    }

    private Flux<InvalidField> predicateProblems(List<PredicateDefinition> predicates) {
        return Flux.range(0, predicates.size())
                .concatMap(i -> predicateProblems("predicates/" + i, predicates.get(i)));
    }

    private Flux<InvalidField> predicateProblems(String name, @Nullable PredicateDefinition predicate) {
        if (predicate == null || predicate.getName() == null || !trial.hasPredicate(predicate.getName())) {
            return Flux.just(InvalidField.of(name, "is not a predicate Spring Cloud Gateway knows (Path, Method, "
                    + "Host, Header, Query, ...; GET /actuator/gateway/routepredicates lists them)"));
        }
        RouteDefinition alone = trialRoute();
        alone.setPredicates(List.of(predicate));
        return trial.builds(alone)
                .flatMapMany(builds -> builtPredicateProblems(name, predicate, builds));
    }

    private Flux<InvalidField> builtPredicateProblems(String name, PredicateDefinition predicate, boolean builds) {
        if (!builds) {
            return Flux.just(InvalidField.of(name, "has arguments the " + predicate.getName()
                    + " predicate cannot take"));
        }
        return PATH.equals(predicate.getName()) ? Flux.fromIterable(reservedPaths(name, predicate)) : Flux.empty();
    }

    /** Each pattern of a Path predicate that covers a path the gateway serves itself. */
    private List<InvalidField> reservedPaths(String name, PredicateDefinition path) {
        ReservedPaths reserved = routesFirst.getObject().reserved();
        List<InvalidField> problems = new ArrayList<>();
        for (String text : trial.pathPatterns(path)) {
            PathPattern pattern = PathPatternParser.defaultInstance.parse(text.startsWith("/") ? text : "/" + text);
            reserved.coveredBy(pattern).ifPresent(taken -> problems.add(InvalidField.of(name, "covers " + taken
                    + ", which the gateway serves itself: a route added at runtime must keep clear of the paths of "
                    + "the gateway's own endpoints and the actuator, and so cannot be a catch-all")));
        }
        return problems;
    }

    private Flux<InvalidField> filterProblems(List<FilterDefinition> filters) {
        return Flux.range(0, filters.size())
                .concatMap(i -> filterProblems("filters/" + i, filters.get(i)));
    }

    private Flux<InvalidField> filterProblems(String name, @Nullable FilterDefinition filter) {
        if (filter == null || filter.getName() == null || !trial.hasFilter(filter.getName())) {
            return Flux.just(InvalidField.of(name, "is not a filter Spring Cloud Gateway knows (StripPrefix, "
                    + "RewritePath, AddRequestHeader, ...; GET /actuator/gateway/routefilters lists them)"));
        }
        RouteDefinition alone = trialRoute();
        alone.setFilters(List.of(filter));
        return trial.builds(alone)
                .filter(builds -> !builds)
                .map(fails -> InvalidField.of(name, "has arguments the " + filter.getName()
                        + " filter cannot take"))
                .flux();
    }

    private static RouteDefinition trialRoute() {
        RouteDefinition route = new RouteDefinition();
        route.setId("route-trial");
        route.setUri(TRIAL_URI);
        return route;
    }

    private static <T> List<@Nullable T> listOrEmpty(@Nullable List<@Nullable T> list) {
        return list == null ? List.of() : list;
    }
}
