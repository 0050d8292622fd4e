package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.observe.AuditLog;
import io.jwtgateway.gateway.store.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every change to the registry, whichever API asks for it: each checked against the registry this replica holds
 * (bounds, read-only clients, what exists), written to the shared store as the client's whole document, then audited
 * and counted. A write the store refuses changes nothing and is {@link ClientRejections#storeUnavailable()}. Two changes of
 * one client made at once on two replicas: the later write wins.
 *
 * <p>Disabling a client sets its {@code tokens_not_before} to the next second, so the tokens it held stay refused
 * once it is enabled again. A revoked key stays in the document, ending its tokens, until no token it got can still
 * be valid ({@code max-token-lifetime} and {@code clock-skew} after the revocation); it is dropped at the client's next
 * change after that.
 */
@Component
public class ClientChanges {

    static final int REGISTRATION_TOKEN_BYTES = 32;

    private final ClientDocuments documents;
    private final ClientRegistry registry;
    private final KeyUses uses;
    private final ClientsProperties properties;
    private final Duration keyRetention;
    private final Clock clock;
    private final AuditLog audit;
    private final ClientMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    ClientChanges(ClientDocuments documents, ClientRegistry registry, KeyUses uses, ClientsProperties properties,
            AuthProperties auth, Clock clock, AuditLog audit, ClientMetrics metrics) {
        this.documents = documents;
        this.registry = registry;
        this.uses = uses;
        this.properties = properties;
        this.keyRetention = auth.maxTokenLifetime().plus(auth.clockSkew());
        this.clock = clock;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** A new client with one key; with {@code registration}, an RFC 7592 registration access token too. */
    public Mono<Created> create(Actor actor, ClientInput input, boolean registration) {
        return Mono.defer(() -> {
            String clientId = input.clientId() != null ? input.clientId() : newClientId();
            if (registry.find(clientId).isPresent()) {
                return ClientRejections.clientExists().reject();
            }
            if (registry.registered() >= properties.maxClients()) {
                return ClientRejections.tooManyClients(properties.maxClients()).reject();
            }
            Instant now = now();
            NewKey key = ApiKeyFormat.generate(random);
            String registrationToken = registration ? newRegistrationToken() : null;
            Client client = new Client(clientId, input.create(clientId), now, null,
                    List.of(new ClientKey(key.keyId(), key.sha256(), now, input.secretExpiresAt(), null)),
                    registrationToken == null ? null : Sha256.hex(registrationToken.getBytes(UTF_8)), false);
            return store(client)
                    .doOnSuccess(done -> changed(actor, ClientAction.CLIENT_CREATED, clientId, key.keyId()))
                    .thenReturn(new Created(client, key, registrationToken));
        });
    }

    /** The members the input has put in place; disabling or enabling it is audited as such. */
    public Mono<Client> update(Actor actor, String clientId, ClientInput input) {
        return registered(clientId).flatMap(current -> {
            ClientMetadata changed = input.patch(current.metadata());
            if (changed.equals(current.metadata())) {
                return Mono.just(current);
            }
            boolean disabling = current.isActive() && changed.status() == ClientStatus.DISABLED;
            boolean enabling = !current.isActive() && changed.status() == ClientStatus.ACTIVE;
            Instant notBefore = disabling ? nextSecond() : current.tokensNotBefore();
            Client next = current.withMetadata(changed, notBefore);
            return store(next)
                    .doOnSuccess(done -> {
                        if (!changed.withStatus(current.metadata().status()).equals(current.metadata())) {
                            changed(actor, ClientAction.CLIENT_UPDATED, clientId, null);
                        }
                        if (disabling || enabling) {
                            changed(actor, disabling ? ClientAction.CLIENT_DISABLED : ClientAction.CLIENT_ENABLED,
                                    clientId, null);
                        }
                    })
                    .then(Mono.fromSupplier(() -> registry.find(clientId).orElse(next)));
        });
    }

    /** Deletes the client and its keys, which ends its tokens. */
    public Mono<Void> delete(Actor actor, String clientId) {
        return registered(clientId).flatMap(current -> documents.clients().remove(clientId)
                .onErrorResume(StoreUnavailableException.class, failure -> ClientRejections.storeUnavailable().reject())
                .doOnSuccess(done -> {
                    registry.refresh();
                    changed(actor, ClientAction.CLIENT_DELETED, clientId, null);
                })
                .then(uses.forget(current.keys().stream().map(ClientKey::keyId).toList())
                        .onErrorResume(StoreUnavailableException.class, failure -> Mono.empty())));
    }

    /** One more key, expiring at {@code expiresAt} (null for never). */
    public Mono<AddedKey> addKey(Actor actor, String clientId, @Nullable Instant expiresAt) {
        return registered(clientId).flatMap(current -> {
            if (current.heldKeys() >= properties.maxKeysPerClient()) {
                return ClientRejections.tooManyKeys(properties.maxKeysPerClient()).reject();
            }
            NewKey key = ApiKeyFormat.generate(random);
            ClientKey added = new ClientKey(key.keyId(), key.sha256(), now(), expiresAt, null);
            Client next = current.withKey(added);
            return store(next)
                    .doOnSuccess(done -> changed(actor, ClientAction.KEY_ADDED, clientId, key.keyId()))
                    .thenReturn(new AddedKey(next, added, key));
        });
    }

    /** Revokes the key, which ends its tokens; a key revoked already is left as it is. */
    public Mono<Client> revokeKey(Actor actor, String clientId, String keyId) {
        return registered(clientId).flatMap(current -> {
            ClientKey key = current.key(keyId).orElse(null);
            if (key == null) {
                return ClientRejections.keyNotFound().reject();
            }
            if (key.isRevoked()) {
                return Mono.just(current);
            }
            List<ClientKey> keys = new ArrayList<>();
            for (ClientKey each : current.keys()) {
                keys.add(each.keyId().equals(keyId) ? each.revoked(now()) : each);
            }
            Client next = current.withKeys(keys);
            return store(next)
                    .doOnSuccess(done -> changed(actor, ClientAction.KEY_REVOKED, clientId, keyId))
                    .thenReturn(next);
        });
    }

    /** A registered client, or why not: unknown (404), or configured (409). */
    private Mono<Client> registered(String clientId) {
        return Mono.defer(() -> {
            Client client = registry.find(clientId).orElse(null);
            if (client == null) {
                return ClientRejections.clientNotFound().reject();
            }
            return client.readOnly() ? ClientRejections.readOnly().reject() : Mono.just(client);
        });
    }

    /** Writes the client's document, without the revoked keys no valid token can name any more. */
    private Mono<Void> store(Client client) {
        Instant horizon = now().minus(keyRetention);
        List<ClientKey> kept = client.keys().stream()
                .filter(key -> key.revokedAt() == null || key.revokedAt().isAfter(horizon))
                .toList();
        Client pruned = kept.size() == client.keys().size() ? client : client.withKeys(kept);
        return documents.clients().put(pruned.clientId(), StoredClient.write(pruned))
                .onErrorResume(StoreUnavailableException.class, failure -> ClientRejections.storeUnavailable().reject())
                .doOnSuccess(done -> registry.refresh());
    }

    private void changed(Actor actor, ClientAction action, String clientId, @Nullable String keyId) {
        audit.change(actor.name(), action.value(), actor.requestId(), "client_id", clientId, "key_id", keyId);
        metrics.changed(action);
    }

    private String newClientId() {
        String id;
        do {
            id = "client-" + ApiKeyFormat.generate(random).keyId();
        } while (registry.find(id).isPresent());
        return id;
    }

    private String newRegistrationToken() {
        byte[] token = new byte[REGISTRATION_TOKEN_BYTES];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Tokens carry whole seconds: those of this second were issued before the change, or at the same time. */
    private Instant nextSecond() {
        return now().plusSeconds(1);
    }

    /**
     * A client just created, with its first key shown this once.
     *
     * @param client            the client
     * @param key               its first key
     * @param registrationToken the RFC 7592 registration access token, shown this once; null unless asked for
     */
    public record Created(Client client, NewKey key, @Nullable String registrationToken) {

        @Override
        public String toString() {                      // the key and the token are credentials
            return "Created[" + client.clientId() + ", key " + key.keyId() + "]";
        }
    }

    /**
     * A key just added, shown this once.
     *
     * @param client the client with its new key
     * @param key    the key as kept
     * @param secret the key itself
     */
    public record AddedKey(Client client, ClientKey key, NewKey secret) {

        @Override
        public String toString() {                      // the key is a credential
            return "AddedKey[" + client.clientId() + ", key " + key.keyId() + "]";
        }
    }
}
