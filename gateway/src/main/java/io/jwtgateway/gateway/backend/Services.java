package io.jwtgateway.gateway.backend;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.HealthCheck;
import io.jwtgateway.gateway.config.ServicesProperties.OutlierDetection;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Every service routes can send to, by name: {@code backend} from {@code gateway.backend.*}, and each of
 * {@code gateway.services.*}. Built once at startup; a request finds its service with one map lookup.
 */
final class Services {

    private final Map<String, ServiceInstances> byName;

    Services(BackendProperties backend, ServicesProperties services, MeterRegistry registry) {
        Map<String, ServiceInstances> all = new LinkedHashMap<>();
        all.put(ServicesProperties.BACKEND, new ServiceInstances(ServicesProperties.BACKEND,
                services.resolve(asService(backend)), registry, System::nanoTime));
        services.resolved().forEach(
                (name, settings) -> all.put(name, new ServiceInstances(name, settings, registry, System::nanoTime)));
        this.byName = Collections.unmodifiableMap(all);
    }

    /** The service {@code lb://<name>} names, in any case (RFC 3986 §3.2.2); null for one that is not configured. */
    @Nullable ServiceInstances find(String name) {
        ServiceInstances service = byName.get(name);
        return service != null ? service : byName.get(name.toLowerCase(Locale.ROOT));
    }

    Collection<ServiceInstances> all() {
        return byName.values();
    }

    /**
     * {@code gateway.backend.*} as a service: its own instances, timeouts and health check; load balancing, outlier
     * detection and DNS from the defaults.
     */
    static Service asService(BackendProperties backend) {
        BackendProperties.HealthCheck health = backend.healthCheck();
        return new Service(backend.uris(), backend.connectTimeout(), backend.responseTimeout(),
                new HealthCheck(health.enabled(), health.path(), health.interval()), null,
                new OutlierDetection(null, null, null), null, backend.assertion());
    }
}
