package io.jwtgateway.gateway.verify;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code keys} health contributor, part of readiness: UP once every key needed to verify tokens is at hand. The
 * gateway's own keys are loaded before this bean can exist; each trusted issuer's JWKS is fetched in the background
 * after startup, and until it has yielded a key every token of that issuer would be refused.
 * <p>
 * Once loaded, keys are kept when later refreshes fail, so an identity provider's outage does not take replicas out of
 * rotation (which would also stop the gateway's own tokens and public routes on every replica at once): readiness
 * waits for the first JWKS only, then stays UP while a usable key is held.
 */
@Component
class KeysHealthIndicator implements HealthIndicator {

    private final Issuers issuers;

    KeysHealthIndicator(Issuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public Health health() {
        return issuers.haveKeys() ? Health.up().build() : Health.down().build();
    }
}
