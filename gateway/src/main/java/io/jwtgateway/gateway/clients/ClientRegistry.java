package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jwtgateway.gateway.clients.RegistrySnapshot.KeyRef;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.observe.KeyRefusal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every client the gateway knows, held in memory: the read-only ones of the configuration and those registered at
 * runtime, rebuilt from the shared store after each change, on whichever replica it was made. A rebuild parses only
 * the documents whose text changed; lookups read an immutable snapshot and never wait on the store.
 */
@Component
public class ClientRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

    private final ClientDocuments documents;
    private final List<Client> configured;
    private final Clock clock;
    private final Map<String, Parsed> parsed = new HashMap<>();       // guarded by this
    private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;

    ClientRegistry(ClientDocuments documents, AuthProperties properties, Clock clock) {
        this.documents = documents;
        this.configured = ConfiguredClients.of(properties, clock.instant());
        this.clock = clock;
        documents.clients().onChange(this::rebuild);
        rebuild();
    }

    /**
     * Whose key {@code presented} is, for a token of {@code grant}: a key the gateway made is found by its key id, a
     * configured one by its hash, and either is then compared with the presented key's hash in constant time. With
     * {@code clientId} (an OAuth2 client's credentials), the key must be that client's.
     */
    public KeyCheck check(String presented, GrantType grant, @Nullable String clientId) {
        byte[] hash = Sha256.digest(presented.getBytes(UTF_8));
        RegistrySnapshot current = snapshot;
        String keyId = ApiKeyFormat.keyIdOf(presented);
        KeyRef found = keyId == null ? null : current.byKeyId(keyId);
        if (found == null) {
            found = current.byHash(hash);
        }
        if (found == null || !found.key().matches(hash)) {
            return new KeyCheck.Refused(KeyRefusal.UNKNOWN);
        }
        Client client = found.client();
        if (clientId != null && !clientId.equals(client.clientId())) {
            return new KeyCheck.Refused(KeyRefusal.WRONG_CLIENT);
        }
        if (found.key().isRevoked()) {
            return new KeyCheck.Refused(KeyRefusal.REVOKED);
        }
        if (found.key().isExpired(clock.instant())) {
            return new KeyCheck.Refused(KeyRefusal.EXPIRED);
        }
        if (!client.isActive()) {
            return new KeyCheck.Refused(KeyRefusal.DISABLED);
        }
        if (!client.metadata().allows(grant)) {
            return new KeyCheck.Refused(KeyRefusal.GRANT_NOT_ALLOWED);
        }
        return new KeyCheck.Accepted(client, found.key());
    }

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(snapshot.client(clientId));
    }

    /** A client's own limit on the requests made with its tokens; null for none, and for an unknown client. */
    public @Nullable Limit rateLimit(String clientId) {
        Client client = snapshot.client(clientId);
        return client == null ? null : client.metadata().rateLimit();
    }

    /** Every client, by client id. */
    public List<Client> all() {
        List<Client> all = new ArrayList<>(snapshot.clients());
        all.sort(Comparator.comparing(Client::clientId));
        return all;
    }

    /** How many clients were registered at runtime; the configured ones do not count. */
    public int registered() {
        return snapshot.registered();
    }

    /** Whether the store is current: with Redis, whether its reloads succeed. */
    public boolean isCurrent() {
        return documents.clients().isAvailable();
    }

    RegistrySnapshot snapshot() {
        return snapshot;
    }

    /** Rebuilds now, after a change this replica made: its answer shows the change, whenever the store tells. */
    void refresh() {
        rebuild();
    }

    /** Parses each document whose text changed since the last rebuild, then swaps in a new snapshot. */
    private synchronized void rebuild() {
        Map<String, String> stored = documents.clients().all();
        parsed.keySet().retainAll(stored.keySet());
        List<Client> registered = new ArrayList<>(stored.size());
        stored.forEach((id, json) -> {
            Parsed known = parsed.get(id);
            if (known == null || !known.json().equals(json)) {
                known = parse(id, json);
                parsed.put(id, known);
            }
            if (known.client() != null) {
                registered.add(known.client());
            }
        });
        registered.sort(Comparator.comparing(Client::clientId));
        RegistrySnapshot next = new RegistrySnapshot(configured, registered);
        if (next.registered() < registered.size()) {
            log.warn("{} registered client(s) share a client id with gateway.auth.api-keys: the configured key wins",
                    registered.size() - next.registered());
        }
        snapshot = next;
    }

    private static Parsed parse(String id, String json) {
        try {
            Client client = StoredClient.read(json);
            if (!client.clientId().equals(id)) {
                log.warn("Skipped the stored client {}: its document names another client id", printable(id));
                return new Parsed(json, null);
            }
            return new Parsed(json, client);
        } catch (StoredClient.InvalidDocumentException invalid) {
            log.warn("Skipped the stored client {}: its document {}", printable(id), invalid.getMessage());
            return new Parsed(json, null);
        }
    }

    /** An id as written into a log line: a hand-edited store may hold anything. */
    private static String printable(String id) {
        return id.chars().allMatch(c -> c > 0x20 && c < 0x7F) && id.length() <= 128 ? "'" + id + "'"
                : "(unprintable id)";
    }

    /**
     * One stored document and what it made.
     *
     * @param json   its text
     * @param client its client; null when it made none
     */
    private record Parsed(String json, @Nullable Client client) {
    }

}
