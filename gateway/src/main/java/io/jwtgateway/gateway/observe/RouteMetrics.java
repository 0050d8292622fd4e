package io.jwtgateway.gateway.observe;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayHttpTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayRouteTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.PropertiesTagsProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's route metric ({@code spring.cloud.gateway.requests}, with {@code ...metrics.enabled}), the
 * same timer with the same tags, found in a map instead of built anew: Spring Cloud Gateway merges every tag provider's
 * tags and looks the timer up in the registry on every request. With the default tag providers the tags follow from
 * the route, the method and the status alone, so each such triple's timer is looked up once and kept (up to
 * {@value #MAX_KEPT} of them; past that, and with any other tag provider, the tags are built per request as before).
 */
class RouteMetrics extends GatewayMetricsFilter {

    static final int MAX_KEPT = 10_000;

    private static final Set<Class<?>> KNOWN_PROVIDERS = Set.of(
            GatewayHttpTagsProvider.class, GatewayRouteTagsProvider.class, PropertiesTagsProvider.class);

    private final MeterRegistry registry;
    private final List<GatewayTagsProvider> providers;
    private final String name;
    private final boolean keep;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final @Nullable Tracer tracer;

    RouteMetrics(MeterRegistry registry, List<GatewayTagsProvider> providers, String prefix,
            @Nullable Tracer tracer) {
        super(registry, providers, prefix);
        this.tracer = tracer;
        this.registry = registry;
        this.providers = List.copyOf(providers);
        this.name = prefix + ".requests";
        this.keep = providers.stream().allMatch(provider -> KNOWN_PROVIDERS.contains(provider.getClass()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Timer.Sample sample = Timer.start(registry);
        return chain.filter(exchange).doOnTerminate(() -> stopWhenCommitted(exchange, sample));
    }

    /** Times until the response is committed, as Spring Cloud Gateway does: the status is known then. */
    private void stopWhenCommitted(ServerWebExchange exchange, Timer.Sample sample) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            stop(exchange, sample);
        } else {
            response.beforeCommit(() -> {
                stop(exchange, sample);
                return Mono.empty();
            });
        }
    }

    /**
     * While tracing is on, with the request's span as the current one: a Prometheus scrape that asks for exemplars
     * (OpenMetrics) then finds the trace of a recent request beside the timer's count.
     */
    private void stop(ServerWebExchange exchange, Timer.Sample sample) {
        Span span = tracer == null ? null : TraceId.serverSpan(exchange);
        if (span == null) {
            sample.stop(timer(exchange));
            return;
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            sample.stop(timer(exchange));
        }
    }

    private Timer timer(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (!keep || route == null) {
            return registry.timer(name, tags(exchange));
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Key key = new Key(route.getId(), route.getUri(), exchange.getRequest().getMethod().name(),
                status == null ? -1 : status.value());
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = registry.timer(name, tags(exchange));
            if (timers.size() < MAX_KEPT) {
                timers.put(key, timer);
            }
        }
        return timer;
    }

    private Tags tags(ServerWebExchange exchange) {
        Tags tags = Tags.empty();
        for (GatewayTagsProvider provider : providers) {
            tags = tags.and(provider.apply(exchange));
        }
        return tags;
    }

    private record Key(String routeId, @Nullable URI routeUri, String method, int status) {
    }
}
