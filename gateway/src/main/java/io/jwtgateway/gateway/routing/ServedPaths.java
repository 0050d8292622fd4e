package io.jwtgateway.gateway.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.jwtgateway.gateway.http.ExactPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Reads which paths a set of handler mappings can serve: the patterns of request mappings (the actuator's among them)
 * and of URL mappings, and the path predicates of router functions (the gateway's own endpoints). Whatever it cannot
 * bound to a set of paths (a router function or predicate it does not know, a nested or negated predicate, a resource
 * lookup, a mapping of another kind, a request mapping without a pattern) counts as every path: then the routes come
 * after every other mapping, as in plain Spring Cloud Gateway.
 */
final class ServedPaths {

    /** What WebFlux registers for static resources when there are none ({@code spring.web.resources.add-mappings}). */
    private static final String SERVES_NOTHING =
            "org.springframework.web.reactive.config.WebFluxConfigurationSupport$EmptyHandlerMapping";

    private final List<PathPattern> patterns = new ArrayList<>();
    private final Set<String> rawPaths = new HashSet<>();
    private @Nullable String unlisted;          // what made it every path: the first such mapping and what it held
    private boolean everything;

    static ReservedPaths of(List<HandlerMapping> mappings) {
        ServedPaths served = new ServedPaths();
        for (HandlerMapping mapping : mappings) {
            served.add(mapping);
            if (served.everything && served.unlisted == null) {
                served.unlisted = mapping.getClass().getName();
            }
        }
        return served.everything
                ? ReservedPaths.everything(served.unlisted, served.patterns, served.rawPaths)
                : ReservedPaths.of(served.patterns, served.rawPaths);
    }

    private void add(HandlerMapping mapping) {
        if (mapping.getClass().getName().equals(SERVES_NOTHING)) {
            return;
        }
        if (mapping instanceof RouterFunctionMapping functions) {
            RouterFunction<?> function = functions.getRouterFunction();
            if (function != null) {
                function.accept(new Routes());
            }
        } else if (mapping instanceof RequestMappingInfoHandlerMapping requests) {
            requests.getHandlerMethods().keySet().forEach(info -> {
                Set<PathPattern> mapped = info.getPatternsCondition().getPatterns();
                if (mapped.isEmpty() || info.getPatternsCondition().isEmptyPathMapping()) {
                    everything = true;
                }
                patterns.addAll(mapped);
            });
        } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
            patterns.addAll(urls.getHandlerMap().keySet());
        } else {
            everything = true;
        }
    }

    private final class Routes implements RouterFunctions.Visitor {

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            Paths paths = new Paths();
            predicate.accept(paths);
            Set<Object> served = paths.result();
            if (served == null) {
                everything = true;
                return;
            }
            for (Object path : served) {
                if (path instanceof PathPattern pattern) {
                    patterns.add(pattern);
                } else {
                    rawPaths.add((String) path);
                }
            }
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            everything = true;
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
            everything = true;
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> function) {
            everything = true;
        }
    }

    /**
     * The paths one route's predicate can be true for, as a set of {@link PathPattern}s and raw paths, or null for
     * every path. A predicate on something other than the path (method, header, query) is every path; an and takes
     * the paths of its path predicates (a superset of what it matches), an or their union unless one side is every
     * path; a negation, a path extension or an unknown predicate is every path.
     */
    private static final class Paths implements RequestPredicates.Visitor {

        private static final Set<Object> ANY = Set.of();

        private final Deque<Frame> frames = new ArrayDeque<>(List.of(new Frame(Kind.AND)));

        @Nullable Set<Object> result() {
            Set<Object> paths = frames.getFirst().combine();
            return paths == ANY ? null : paths;
        }

        @Override
        public void path(String pattern) {
            Set<Object> one = new HashSet<>();
            one.add(PathPatternParser.defaultInstance.parse(pattern.startsWith("/") ? pattern : "/" + pattern));
            leaf(one);
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            leaf(predicate instanceof ExactPaths exact ? new HashSet<>(exact.paths()) : ANY);
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            leaf(ANY);
        }

        @Override
        public void pathExtension(String extension) {
            leaf(ANY);
        }

        @Override
        public void header(String name, String value) {
            leaf(ANY);
        }

        @Override
        public void queryParam(String name, String value) {
            leaf(ANY);
        }

        @Override
        public void version(String version) {
            leaf(ANY);
        }

        @Override
        public void startAnd() {
            frames.push(new Frame(Kind.AND));
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
            leaf(frames.pop().combine());
        }

        @Override
        public void startOr() {
            frames.push(new Frame(Kind.OR));
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
            leaf(frames.pop().combine());
        }

        @Override
        public void startNegate() {
            frames.push(new Frame(Kind.NEGATE));
        }

        @Override
        public void endNegate() {
            leaf(frames.pop().combine());
        }

        private void leaf(Set<Object> paths) {
            frames.getFirst().parts.add(paths);
        }
    }

    private enum Kind { AND, OR, NEGATE }

    private static final class Frame {

        final Kind kind;
        final List<Set<Object>> parts = new ArrayList<>();

        Frame(Kind kind) {
            this.kind = kind;
        }

        /** {@link Paths#ANY} for every path. */
        Set<Object> combine() {
            if (kind == Kind.NEGATE || parts.isEmpty()) {
                return Paths.ANY;
            }
            Set<Object> union = new HashSet<>();
            boolean bounded = false;
            for (Set<Object> part : parts) {
                if (part == Paths.ANY) {
                    if (kind == Kind.OR) {
                        return Paths.ANY;
                    }
                } else {
                    union.addAll(part);
                    bounded = true;
                }
            }
            return bounded ? union : Paths.ANY;
        }
    }
}
