package io.jwtgateway.gateway.revocation;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.jwtgateway.gateway.config.RevocationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code revocationStore} health contributor, part of readiness: DOWN only until this replica's copy of the
 * revoked set is first loaded from Redis, UP from then on, whatever Redis does. Redis is shared, so its outage reaches
 * every replica at once, and readiness that followed it would take them all out of rotation together, public routes
 * and the token endpoint with them: the state of the copy is in the details instead ({@code copy}: {@code current},
 * {@code stale} (served until {@code staleUntil}), or {@code unusable}, when {@code on-store-failure} applies), shown
 * where health details are, on the management port. The memory store is always UP and current. Reads the store's own
 * state, so a probe costs no Redis round trip.
 */
@Component
class RevocationStoreHealthIndicator implements HealthIndicator {

    private final RevocationStore store;
    private final RevocationProperties properties;

    RevocationStoreHealthIndicator(RevocationStore store, RevocationProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Freshness freshness = store.freshness();
        Optional<Instant> lastReload = store.lastReload();
        boolean neverLoaded = freshness == Freshness.UNUSABLE && lastReload.isEmpty();
        Health.Builder health = neverLoaded ? Health.down() : Health.up();
        health.withDetail("copy", freshness.label()).withDetail("entries", store.local().size());
        lastReload.ifPresent(at -> times(health, freshness, at));
        if (freshness != Freshness.CURRENT) {
            health.withDetail("onStoreFailure", properties.onStoreFailure().name().toLowerCase(Locale.ROOT));
        }
        return health.build();
    }

    /** Both bounds are measured from the last reload: stale from three missed reloads, until max-staleness. */
    private void times(Health.Builder health, Freshness freshness, Instant lastReload) {
        health.withDetail("lastReload", lastReload.toString());
        if (freshness != Freshness.CURRENT) {
            health.withDetail("staleSince", lastReload.plus(properties.unreachableAfter()).toString());
        }
        if (freshness == Freshness.STALE) {
            health.withDetail("staleUntil", lastReload.plus(properties.maxStaleness()).toString());
        }
    }
}
