package io.jwtgateway.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where revoked tokens are kept ({@code gateway.auth.revocation.*}).
 *
 * @param store          {@code memory}: this process only; {@code redis}: shared by every replica through
 *                       {@code spring.data.redis.*}
 * @param onStoreFailure what a replica does with a token once its copy of the revoked set can no longer be served
 *                       (Redis unreachable for longer than {@code max-staleness}, or never loaded): {@code deny}
 *                       refuses with 503, {@code allow} serves it (logged and counted)
 * @param resyncInterval how often each replica reloads the revoked set from Redis, healing any missed message; Redis
 *                       counts as unreachable after three intervals without a successful reload
 * @param timeout        the longest a Redis command may take before it counts as failed
 * @param maxStaleness   how long a replica that cannot reach Redis keeps checking tokens against its copy of the
 *                       revoked set, measured from the copy's last successful reload (each request so served counted
 *                       in {@code gateway_revocation_served_stale_total}); {@code on-store-failure} applies after
 *                       that. {@code 0} turns stale serving off: {@code on-store-failure} then applies as soon as Redis
 *                       counts as unreachable, three {@code resync-interval}s after the last reload. Any other value
 *                       must be longer than those three intervals, before which the copy is not stale yet
 */
@Validated
@ConfigurationProperties("gateway.auth.revocation")
public record RevocationProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue("deny") FailureMode onStoreFailure,
        @DefaultValue("2s") Duration resyncInterval,
        @DefaultValue("1s") Duration timeout,
        @DefaultValue("60s") Duration maxStaleness) {

    /** Reloads missed in a row before Redis counts as unreachable and the copy as stale. */
    public static final int RELOADS_MISSED = 3;

    public RevocationProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        boolean resyncValid = !(resyncInterval.isNegative() || resyncInterval.isZero());
        if (!resyncValid) {
            problems.add("gateway.auth.revocation.resync-interval", "must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("gateway.auth.revocation.timeout", "must be positive");
        }
        if (maxStaleness.isNegative()) {
            problems.add("gateway.auth.revocation.max-staleness", "must be 0 (no stale copy served) or positive");
        } else if (resyncValid && !maxStaleness.isZero()
                && maxStaleness.compareTo(unreachableAfter(resyncInterval)) <= 0) {
            problems.add("gateway.auth.revocation.max-staleness", ("must be 0 or longer than three resync-intervals"
                    + " (%dms), before which the copy is not stale yet").formatted(
                            unreachableAfter(resyncInterval).toMillis()));
        }
        problems.throwIfAny();
    }

    /** How long after the last successful reload Redis counts as unreachable, and the copy as stale. */
    public Duration unreachableAfter() {
        return unreachableAfter(resyncInterval);
    }

    private static Duration unreachableAfter(Duration resyncInterval) {
        return resyncInterval.multipliedBy(RELOADS_MISSED);
    }

    public enum Store { MEMORY, REDIS }

    public enum FailureMode { DENY, ALLOW }
}
