package io.jwtgateway.gateway.clients;

import java.time.Duration;

import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.store.StoreType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clients registered at runtime, through the operator API or RFC 7591 registration
 * ({@code gateway.auth.clients.*}). The keys of {@code gateway.auth.api-keys} are clients too, read-only, and count
 * against none of these bounds.
 *
 * @param store                where registered clients are kept: {@code file}, a file under {@code gateway.data-dir}
 *                             that survives a restart, for one node; {@code redis}, shared by every replica through
 *                             {@code spring.data.redis.*}, each replica learning of a change within a second
 * @param maxClients           the most registered clients, between 1 and 100000; one more is refused
 * @param maxKeysPerClient     the most keys one client holds that are not revoked, between 1 and 100; two let a client
 *                             rotate its key without downtime
 * @param lastUseWriteInterval how often a replica records when each key was last used, at least 1s: at most one write
 *                             per key per interval, so the last use shown may be this much behind
 */
@Validated
@ConfigurationProperties("gateway.auth.clients")
public record ClientsProperties(
        @DefaultValue("file") StoreType store,
        @DefaultValue("1000") int maxClients,
        @DefaultValue("5") int maxKeysPerClient,
        @DefaultValue("1m") Duration lastUseWriteInterval) {

    static final int MAX_CLIENTS_CEILING = 100_000;
    static final int MAX_KEYS_CEILING = 100;

    private static final String PREFIX = "gateway.auth.clients.";

    public ClientsProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        if (maxClients < 1 || maxClients > MAX_CLIENTS_CEILING) {
            problems.add(PREFIX + "max-clients", "must be between 1 and " + MAX_CLIENTS_CEILING);
        }
        if (maxKeysPerClient < 1 || maxKeysPerClient > MAX_KEYS_CEILING) {
            problems.add(PREFIX + "max-keys-per-client", "must be between 1 and " + MAX_KEYS_CEILING);
        }
        if (lastUseWriteInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(PREFIX + "last-use-write-interval", "must be at least 1s");
        }
        problems.throwIfAny();
    }
}
