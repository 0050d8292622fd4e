package io.jwtgateway.gateway.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The paths another handler mapping serves, which no gateway route may take: path patterns, matched as their mappings
 * match them (on the decoded path), and raw paths compared exactly. Patterns are grouped by their first segment when
 * it is literal, so a request is matched against the few patterns that share its first segment, plus those that start
 * with a variable or a wildcard. When a mapping's paths cannot be listed, every path counts as reserved; those that
 * could be listed are still known, to tell a route added at runtime which of them it would cover.
 */
final class ReservedPaths {

    private static final Pattern CAPTURE_REST = Pattern.compile("\\{\\*[^}]*}");     // {*rest}: any segments
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}");

    private final @Nullable String everything;     // why every path is reserved, when it is
    private final Map<String, List<PathPattern>> byFirstSegment;
    private final List<PathPattern> anyFirstSegment;
    private final Set<String> rawPaths;

    private ReservedPaths(@Nullable String everything, Map<String, List<PathPattern>> byFirstSegment,
            List<PathPattern> anyFirstSegment, Set<String> rawPaths) {
        this.everything = everything;
        this.byFirstSegment = byFirstSegment;
        this.anyFirstSegment = anyFirstSegment;
        this.rawPaths = rawPaths;
    }

    /**
     * Every path, for the reason given: the routes come after the other mappings, as in Spring Cloud Gateway. The paths
     * that could be listed are kept for {@link #coveredBy}.
     */
    static ReservedPaths everything(String reason, Collection<PathPattern> listed, Set<String> rawPaths) {
        ReservedPaths known = of(listed, rawPaths);
        return new ReservedPaths(reason, known.byFirstSegment, known.anyFirstSegment, known.rawPaths);
    }

    /** Every path, for the reason given, with none listed: before the mappings are read. */
    static ReservedPaths everything(String reason) {
        return everything(reason, List.of(), Set.of());
    }

    static ReservedPaths of(Collection<PathPattern> patterns, Set<String> rawPaths) {
        Map<String, List<PathPattern>> byFirstSegment = new HashMap<>();
        List<PathPattern> anyFirstSegment = new ArrayList<>();
        for (PathPattern pattern : patterns) {
            String first = literalFirstSegment(pattern.getPatternString());
            if (first == null) {
                anyFirstSegment.add(pattern);
            } else {
                byFirstSegment.computeIfAbsent(first, segment -> new ArrayList<>()).add(pattern);
            }
        }
        byFirstSegment.replaceAll((segment, list) -> List.copyOf(list));
        return new ReservedPaths(null, Map.copyOf(byFirstSegment), List.copyOf(anyFirstSegment),
                Set.copyOf(rawPaths));
    }

    /**
     * A listed path that {@code route} can match, or a listed pattern that can match one of {@code route}'s paths: the
     * reserved path or pattern as written, or empty when the route's pattern keeps clear of them all. Two patterns are
     * compared by sample paths, each one's shortest and a longer one with every variable and wildcard filled in, so
     * {@code /**} covers {@code /api/v3/auth} and {@code /actuator/gateway/**} falls under {@code /actuator/**}; a
     * variable with a regular expression may escape the samples.
     */
    Optional<String> coveredBy(PathPattern route) {
        for (String raw : rawPaths) {
            if (route.matches(PathContainer.parsePath(raw))) {
                return Optional.of(raw);
            }
        }
        List<PathPattern> listed = listed();
        for (PathPattern pattern : listed) {
            for (PathContainer sample : samples(pattern.getPatternString())) {
                if (route.matches(sample)) {
                    return Optional.of(pattern.getPatternString());
                }
            }
        }
        for (PathContainer sample : samples(route.getPatternString())) {
            for (PathPattern pattern : listed) {
                if (pattern.matches(sample)) {
                    return Optional.of(pattern.getPatternString());
                }
            }
        }
        return Optional.empty();
    }

    private List<PathPattern> listed() {
        List<PathPattern> listed = new ArrayList<>(anyFirstSegment);
        byFirstSegment.values().forEach(listed::addAll);
        return listed;
    }

    /** The pattern's shortest path and a longer one: {@code **} as nothing, then as two segments; the rest as x. */
    private static List<PathContainer> samples(String pattern) {
        StringBuilder shortest = new StringBuilder();
        StringBuilder longer = new StringBuilder();
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("**") || CAPTURE_REST.matcher(segment).matches()) {
                longer.append("/x/x");
                continue;
            }
            String filled = "/" + VARIABLE.matcher(segment).replaceAll("x").replace('*', 'x').replace('?', 'x');
            shortest.append(filled);
            longer.append(filled);
        }
        return List.of(PathContainer.parsePath(shortest.isEmpty() ? "/" : shortest.toString()),
                PathContainer.parsePath(longer.isEmpty() ? "/" : longer.toString()));
    }

    boolean isEverything() {
        return everything != null;
    }

    /** Why every path is reserved: the handler mapping whose paths could not be listed; null when they all could. */
    @Nullable String whyEverything() {
        return everything;
    }

    boolean contains(RequestPath requestPath) {
        if (everything != null) {
            return true;
        }
        PathContainer path = requestPath.pathWithinApplication();
        if (rawPaths.contains(path.value())) {
            return true;
        }
        List<PathPattern> sharing = byFirstSegment.get(firstSegment(path));
        return (sharing != null && matchesAny(sharing, path)) || matchesAny(anyFirstSegment, path);
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The decoded first segment, as a literal pattern element compares it; empty for {@code /}. */
    private static String firstSegment(PathContainer path) {
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                return segment.valueToMatch();
            }
        }
        return "";
    }

    /** The pattern's first segment when it has no variable, wildcard or {@code ?}; else null. */
    private static @Nullable String literalFirstSegment(String pattern) {
        String path = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == '%') {
                return null;
            }
        }
        return first;
    }
}
