package io.jwtgateway.gateway.routing;

import io.jwtgateway.gateway.store.SharedDocuments;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code runtimeRoutes} health contributor, part of readiness: DOWN only until this replica has read the routes
 * added at runtime from their store once, UP from then on, whatever the store does. A replica that started before it
 * could reach Redis would answer 404 on those routes' paths; one that loses Redis later keeps serving the routes it
 * knows, as every other replica does, so readiness that followed Redis would take them all out of rotation together. A
 * file store is read before the first request, so it is UP from the start. Reads the store's own state: a probe costs no
 * Redis round trip.
 */
final class RuntimeRoutesHealthIndicator implements HealthIndicator {

    private final SharedDocuments documents;
    private volatile boolean loaded;

    RuntimeRoutesHealthIndicator(SharedDocuments documents) {
        this.documents = documents;
    }

    @Override
    public Health health() {
        if (!loaded && documents.isAvailable()) {
            loaded = true;                                  // once read, the store's changes are followed by push
        }
        return (loaded ? Health.up() : Health.down())
                .withDetail("routes", documents.all().size())
                .build();
    }
}
