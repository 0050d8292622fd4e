package io.jwtgateway.gateway.revocation;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code revocationStore} health contributor, part of readiness: DOWN while this replica's copy of the revoked set
 * cannot be vouched for, that is before the first load from Redis and after three resync intervals without one. A
 * replica that cannot check revocations then leaves the load balancer's rotation instead of refusing every
 * authenticated request with 503 (or, under {@code on-store-failure: allow}, serving them unchecked). Reads the
 * store's own state, so a probe costs no Redis round trip. The memory store is always UP.
 */
@Component
class RevocationStoreHealthIndicator implements HealthIndicator {

    private final RevocationStore store;

    RevocationStoreHealthIndicator(RevocationStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        return store.isAvailable() ? Health.up().build() : Health.down().build();
    }
}
