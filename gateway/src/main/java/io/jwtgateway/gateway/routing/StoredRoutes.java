package io.jwtgateway.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.backend.ServiceTimeouts;
import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.store.SharedDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routes of the routes store as Spring Cloud Gateway is to build them: each checked again ({@link RouteChecks}),
 * since the configuration may have changed since it was kept, and given the timeouts of the service it sends to
 * ({@link ServiceTimeouts}). One the checks no longer pass (its service removed, its id taken by application.yml) is
 * left out, never served, and logged once with its faults; the others are served.
 */
final class StoredRoutes {

    private static final Logger log = LoggerFactory.getLogger(StoredRoutes.class);

    private final SharedDocuments documents;
    private final RouteChecks checks;
    private final Set<String> configuredIds;
    private final ServiceTimeouts timeouts;
    private final JsonMapper json;
    private volatile Map<String, String> leftOut = Map.of();   // id to why, as last logged

    StoredRoutes(SharedDocuments documents, RouteChecks checks, Set<String> configuredIds, ServiceTimeouts timeouts,
            JsonMapper json) {
        this.documents = documents;
        this.checks = checks;
        this.configuredIds = Set.copyOf(configuredIds);
        this.timeouts = timeouts;
        this.json = json;
    }

    /**
     * The stored routes that pass the checks now, in the order of their ids, so that routes of the same order are
     * matched in the same order on every replica.
     */
    Flux<RouteDefinition> servable() {
        Map<String, String> stored = new TreeMap<>(documents.all());
        Map<String, String> why = new TreeMap<>();
        return Flux.fromIterable(stored.entrySet())
                .concatMap(entry -> servable(entry.getKey(), entry.getValue(), why))
                .doOnComplete(() -> logLeftOut(why));
    }

    private Mono<RouteDefinition> servable(String id, String text, Map<String, String> why) {
        RouteDefinition route;
        try {
            route = json.readValue(text, RouteDefinition.class);
        } catch (JacksonException ex) {
            why.put(id, "not a route definition");
            return Mono.empty();
        }
        if (!id.equals(route.getId())) {
            why.put(id, "stored under another id than its own");
            return Mono.empty();
        }
        if (configuredIds.contains(id)) {
            why.put(id, "application.yml has a route of this id");
            return Mono.empty();
        }
        return checks.problems(route)
                .flatMap(problems -> served(route, problems, why));
    }

    private Mono<RouteDefinition> served(RouteDefinition route, List<InvalidField> problems, Map<String, String> why) {
        if (!problems.isEmpty()) {
            why.put(route.getId(), problems.stream()
                    .map(problem -> problem.pointer() + " " + problem.detail())
                    .collect(Collectors.joining("; ")));
            return Mono.empty();
        }
        timeouts.addTo(route);
        return Mono.just(route);
    }

    private void logLeftOut(Map<String, String> why) {
        if (!why.equals(leftOut)) {
            leftOut = Map.copyOf(why);
            why.forEach((id, reason) -> log.warn("Route '{}' of the routes store is not served: {}", id, reason));
        }
    }
}
