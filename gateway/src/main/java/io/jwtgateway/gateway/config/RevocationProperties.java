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
 * @param onStoreFailure what a replica does with a token while Redis cannot be reached: {@code deny} refuses with 503,
 *                       {@code allow} serves it (logged and counted)
 * @param resyncInterval how often each replica reloads the revoked set from Redis, healing any missed message; Redis
 *                       counts as unreachable after three intervals without a successful reload
 * @param timeout        the longest a Redis command may take before it counts as failed
 */
@Validated
@ConfigurationProperties("gateway.auth.revocation")
public record RevocationProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue("deny") FailureMode onStoreFailure,
        @DefaultValue("2s") Duration resyncInterval,
        @DefaultValue("1s") Duration timeout) {

    public RevocationProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        if (resyncInterval.isNegative() || resyncInterval.isZero()) {
            problems.add("gateway.auth.revocation.resync-interval", "must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("gateway.auth.revocation.timeout", "must be positive");
        }
        problems.throwIfAny();
    }

    public enum Store { MEMORY, REDIS }

    public enum FailureMode { DENY, ALLOW }
}
