package io.jwtgateway.gateway.backend;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code services} health contributor: each service's instances and their state ({@code up}, {@code down} by its
 * health check, {@code ejected} for failing requests). Always UP: a backend being down is an expected outcome for the
 * gateway, which keeps serving every other service, so it must not take the gateway out of rotation. Its details are
 * for operators: shown on the management port only, never on the main one.
 */
class ServicesHealthIndicator implements HealthIndicator {

    private final Services services;

    ServicesHealthIndicator(Services services) {
        this.services = services;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (ServiceInstances service : services.all()) {
            service.refresh();                          // ejections whose time is over end now, idle or not
            Map<String, String> instances = new LinkedHashMap<>();
            service.all().forEach(instance -> instances.put(instance.id(), instance.state()));
            long taking = service.all().stream().filter(Instance::takesRequests).count();
            health.withDetail(service.name(), Map.of("instances", instances, "takingRequests", taking));
        }
        return health.build();
    }
}
