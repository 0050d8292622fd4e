package io.jwtgateway.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.observe.AuditLog;
import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.refusal.RefusalCode;
import io.jwtgateway.gateway.refusal.Rejection;
import io.jwtgateway.gateway.store.SharedDocuments;
import io.jwtgateway.gateway.store.StoreUnavailableException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.event.RouteDeletedEvent;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionRepository;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routes added at runtime, kept in the shared store (kind {@value #KIND}, each route's JSON under its id) and
 * handed to Spring Cloud Gateway beside those of application.yml. Spring Cloud Gateway's route API writes here.
 * <p>
 * A route is kept only when it passes {@link RouteChecks}, and is refused otherwise with every problem, nothing
 * changed; an id of application.yml's routes is refused too, as those cannot be changed at runtime. Each change, on
 * this replica or pushed from another, refreshes the routes on this replica, so every replica serves the same routes
 * within a second; the API answers once this replica serves the change. Spring Cloud Gateway builds them from
 * {@link StoredRoutes}, checked again at each refresh. Each change made here is a line of the audit log, naming who
 * made it ({@link Actor#current}), the route's id and whether it is public.
 */
final class RuntimeRoutes implements RouteDefinitionRepository, SmartInitializingSingleton {

    static final String KIND = "routes";
    static final String SAVED = "route_saved";
    static final String DELETED = "route_deleted";

    private final SharedDocuments documents;
    private final StoredRoutes stored;
    private final RouteChecks checks;
    private final Set<String> configuredIds;
    private final int maxRoutes;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Object refreshing = new Object();
    private volatile Set<String> ids = Set.of();

    RuntimeRoutes(SharedDocuments documents, StoredRoutes stored, RouteChecks checks, Set<String> configuredIds,
            int maxRoutes, JsonMapper json, ApplicationEventPublisher events, AuditLog audit) {
        this.documents = documents;
        this.stored = stored;
        this.checks = checks;
        this.configuredIds = Set.copyOf(configuredIds);
        this.maxRoutes = maxRoutes;
        this.json = json;
        this.events = events;
        this.audit = audit;
    }

    /** Listens to the store once every bean exists: a change before then is read by the first refresh. */
    @Override
    public void afterSingletonsInstantiated() {
        ids = documents.all().keySet();
        documents.onChange(this::changed);
    }

    /** The stored routes that pass the checks now. Called when the routes are built: at startup and on each refresh. */
    @Override
    public Flux<RouteDefinition> getRouteDefinitions() {
        return stored.servable();
    }

    /**
     * Keeps a route when it passes every check, replacing the one of the same id; refused with every problem, or
     * with 409 for an id of application.yml's routes, 400 for a full store, or with 503 when the store cannot be written.
     */
    @Override
    public Mono<Void> save(Mono<RouteDefinition> route) {
        return route.flatMap(this::saveOne);
    }

    private Mono<Void> saveOne(RouteDefinition route) {
        Optional<Rejection> refused = refusalOf(route);
        if (refused.isPresent()) {
            return refused.get().reject();
        }
        return checks.problems(route)
                .flatMap(problems -> problems.isEmpty()
                        ? store(route)
                        : Rejection.invalid(RefusalCode.INVALID_ROUTE,
                                "The route breaks the rules listed; nothing was changed", problems)
                                .reject());
    }

    /**
     * Checks every route, then stores them one by one: a bad route among them changes nothing, each problem named by
     * its index ({@code #/1/uri}). A store that fails part way leaves the routes before it stored.
     */
    Mono<Void> saveAll(List<RouteDefinition> routes) {
        Map<String, String> stored = documents.all();
        long added = routes.stream().map(RouteDefinition::getId).filter(id -> !stored.containsKey(id)).distinct()
                .count();
        if (stored.size() + added > maxRoutes) {
            return full().reject();
        }
        List<InvalidField> problems = new ArrayList<>();
        return Flux.range(0, routes.size())
                .concatMap(i -> problemsOf(routes.get(i)).map(found -> prefixed(i, found)))
                .doOnNext(problems::addAll)
                .then(Mono.defer(() -> problems.isEmpty()
                        ? Flux.fromIterable(routes).concatMap(this::store).then()
                        : Rejection.invalid(RefusalCode.INVALID_ROUTE,
                                "A route breaks the rules listed; nothing was changed", problems)
                                .reject()));
    }

    private Mono<List<InvalidField>> problemsOf(RouteDefinition route) {
        String id = route.getId();
        return id != null && configuredIds.contains(id)
                ? Mono.just(List.of(InvalidField.of("id", "is a route of application.yml")))
                : checks.problems(route);
    }

    private static List<InvalidField> prefixed(int index, List<InvalidField> problems) {
        return problems.stream()
                .map(problem -> InvalidField.of(index + "/" + problem.member(), problem.detail()))
                .toList();
    }

    /** A refusal that no check of the route itself decides: its id is application.yml's, or the store is full. */
    private Optional<Rejection> refusalOf(RouteDefinition route) {
        String id = route.getId();
        if (id != null && configuredIds.contains(id)) {
            return Optional.of(readOnly());
        }
        Map<String, String> stored = documents.all();
        if (id != null && !stored.containsKey(id) && stored.size() >= maxRoutes) {
            return Optional.of(full());
        }
        return Optional.empty();
    }

    private static Rejection readOnly() {
        return Rejection.conflict(RefusalCode.READ_ONLY_ROUTE,
                "The routes of application.yml cannot be changed at runtime",
                List.of(InvalidField.of("id", "is a route of application.yml")));
    }

    /** A 400, as too many keys for a client is: the request asks for more than the configuration allows. */
    private Rejection full() {
        return Rejection.invalid(RefusalCode.TOO_MANY_ROUTES,
                "No more routes can be added at runtime; nothing was changed",
                List.of(InvalidField.of("id", "gateway.routes.max-routes allows " + maxRoutes
                        + " routes added at runtime")));
    }

    private Mono<Void> store(RouteDefinition route) {
        String id = route.getId();
        return documents.put(id, json.writeValueAsString(route))
                .onErrorResume(StoreUnavailableException.class, ex -> unavailable())
                .then(Mono.fromRunnable(this::refresh))
                .then(Actor.current())
                .doOnNext(actor -> audit.change(actor.name(), SAVED, actor.requestId(), "route_id", id, "auth",
                        isPublic(route) ? "public" : "authenticated"))
                .then();
    }

    private static boolean isPublic(RouteDefinition route) {
        return route.getMetadata() != null && "public".equals(route.getMetadata().get("auth"));
    }

    /** Removes a route added at runtime; 404 for an id the store does not hold, 409 for one of application.yml. */
    @Override
    public Mono<Void> delete(Mono<String> routeId) {
        return routeId.flatMap(this::deleteOne);
    }

    private Mono<Void> deleteOne(String id) {
        if (configuredIds.contains(id)) {
            return readOnly().reject();
        }
        if (!documents.all().containsKey(id)) {
            return Rejection.notFound(RefusalCode.ROUTE_NOT_FOUND, "No route added at runtime has this id").reject();
        }
        return documents.remove(id)
                .onErrorResume(StoreUnavailableException.class, ex -> unavailable())
                .then(Mono.fromRunnable(this::refresh))
                .then(Actor.current())
                .doOnNext(actor -> audit.change(actor.name(), DELETED, actor.requestId(), "route_id", id))
                .then();
    }

    private static Mono<Void> unavailable() {
        return Rejection.storeUnavailable("The routes store cannot be written now; nothing was changed").reject();
    }

    /** A change of the store, made here or on another replica: Spring Cloud Gateway is told of removed routes too. */
    private void changed() {
        Set<String> now = documents.all().keySet();
        Set<String> before = ids;
        ids = now;
        refresh();
        before.stream()
                .filter(id -> !now.contains(id))
                .forEach(id -> events.publishEvent(new RouteDeletedEvent(this, id)));
    }

    /**
     * Builds the routes again from the store as it is now. One refresh at a time: Spring Cloud Gateway builds them as
     * the event is published, so the last refresh to finish is the last to read the store.
     */
    private void refresh() {
        synchronized (refreshing) {
            events.publishEvent(new RefreshRoutesEvent(this));
        }
    }
}
