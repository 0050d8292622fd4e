package io.jwtgateway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where what is changed at runtime (registered clients, routes added through the operator API) is kept: a file per
 * kind in a data directory, or Redis, as each feature's {@code store} property chooses.
 *
 * @param dataDir the directory of the file stores, one JSON file per kind ({@code clients.json}, {@code routes.json}),
 *                relative to the working directory unless absolute; created when missing, and it must be writable. A
 *                file in it that is not valid JSON stops the start: the gateway never replaces it
 * @param store   how replicas keep their copy of a Redis store current
 */
@Validated
@ConfigurationProperties("gateway")
public record StoreProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue Redis store) {

    public StoreProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        store.check(problems);
        problems.throwIfAny();
    }

    /**
     * @param resyncInterval how often each replica reloads a Redis store in full, healing any missed message; the
     *                       store counts as unreachable after three intervals without a successful reload
     * @param timeout        the longest a Redis command may take before it counts as failed: a change then fails and is
     *                       not made (a Redis that was only slow may still make it, and every replica then learns of it)
     */
    public record Redis(
            @DefaultValue("2s") Duration resyncInterval,
            @DefaultValue("1s") Duration timeout) {

        void check(ConfigurationProblems problems) {
            if (resyncInterval.isNegative() || resyncInterval.isZero()) {
                problems.add("gateway.store.resync-interval", "must be positive");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                problems.add("gateway.store.timeout", "must be positive");
            }
        }
    }
}
