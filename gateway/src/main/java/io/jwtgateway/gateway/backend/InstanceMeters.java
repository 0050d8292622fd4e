package io.jwtgateway.gateway.backend;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of one instance, registered when it joins its service and removed when it leaves (a DNS name no longer
 * resolving to it): {@code gateway_service_requests_total}, {@code gateway_service_failures_total{kind}}, and the
 * gauges {@code gateway_service_instance_healthy} and {@code gateway_service_instance_ejected}. Made once per
 * instance, so counting a request looks nothing up.
 */
final class InstanceMeters {

    static final String REQUESTS = "gateway.service.requests";
    static final String FAILURES = "gateway.service.failures";
    static final String HEALTHY = "gateway.service.instance.healthy";
    static final String EJECTED = "gateway.service.instance.ejected";

    /** Why a request to an instance failed; the {@code kind} tag. */
    enum Failure {
        /** No connection could be made. */
        CONNECT,
        /** It closed the connection before its response began. */
        CLOSED,
        /** It did not answer within the response timeout. */
        TIMEOUT,
        /** It answered 502, 503 or 504 itself. */
        STATUS;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter requests;
    private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);
    private final List<Meter> all = new ArrayList<>();

    InstanceMeters(MeterRegistry registry, Instance instance, ServiceInstances service) {
        this.registry = registry;
        Tags tags = Tags.of("service", instance.service(), "instance", instance.id());
        this.requests = Counter.builder(REQUESTS).description("Requests sent to a service's instance")
                .tags(tags).register(registry);
        all.add(requests);
        for (Failure kind : Failure.values()) {
            Counter counter = Counter.builder(FAILURES).description("Requests to a service's instance that failed")
                    .tags(tags).tag("kind", kind.tag()).register(registry);
            failures.put(kind, counter);
            all.add(counter);
        }
        all.add(Gauge.builder(HEALTHY, instance, each -> each.isHealthy() ? 1 : 0)
                .description("Whether the instance passes its health check (1) or not (0)").tags(tags)
                .register(registry));
        all.add(Gauge.builder(EJECTED, instance, each -> ejected(service, each))
                .description("Whether the instance is ejected for failing requests (1) or not (0)").tags(tags)
                .register(registry));
    }

    /** Read at a scrape: an ejection whose time is over is ended first, so an idle service's gauge is not stale. */
    private static double ejected(ServiceInstances service, Instance instance) {
        service.refresh();
        return instance.isEjected() ? 1 : 0;
    }

    void request() {
        requests.increment();
    }

    void failure(Failure kind) {
        failures.get(kind).increment();
    }

    void remove() {
        all.forEach(registry::remove);
    }
}
