package io.jwtgateway.gateway.store;

import java.util.Locale;
import java.util.stream.Stream;

import io.jwtgateway.gateway.store.DocumentStores.OpenStore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code documentStores} health contributor: a component per kind of shared documents, UP while this replica's
 * copy is current (a file store always is), DOWN while a Redis store cannot be reloaded, with the store's type and its
 * number of documents. Not part of readiness: a replica that loses Redis keeps serving what it knows, and only refuses
 * changes. Reads each store's own state, so a probe costs no Redis round trip.
 */
@Component
class DocumentStoresHealthContributor implements CompositeHealthContributor {

    private final DocumentStores stores;

    DocumentStoresHealthContributor(DocumentStores stores) {
        this.stores = stores;
    }

    @Override
    public @Nullable HealthContributor getContributor(String kind) {
        OpenStore open = stores.opened().get(kind);
        return open == null ? null : indicator(open);
    }

    @Override
    public Stream<Entry> stream() {
        return stores.opened().entrySet().stream()
                .map(open -> new Entry(open.getKey(), indicator(open.getValue())));
    }

    private static HealthIndicator indicator(OpenStore open) {
        return () -> (open.documents().isAvailable() ? Health.up() : Health.down())
                .withDetail("store", open.type().name().toLowerCase(Locale.ROOT))
                .withDetail("documents", open.documents().all().size())
                .build();
    }
}
