package io.jwtgateway.gateway.clients;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The registry at one moment, immutable, with the indexes every lookup uses: clients by id, registered keys by key id,
 * configured keys by hash, and each registered client's marks for the tokens it was issued.
 */
final class RegistrySnapshot {

    static final RegistrySnapshot EMPTY = new RegistrySnapshot(List.of(), List.of());

    private final Map<String, Client> byId = new HashMap<>();
    private final Map<String, KeyRef> byKeyId = new HashMap<>();
    private final Map<Digest, KeyRef> byHash = new HashMap<>();
    private final Map<String, Marks> marks = new HashMap<>();
    private final int registered;

    /** {@code configured} first: a registered client of the same id is left out (the caller logs it). */
    RegistrySnapshot(List<Client> configured, Collection<Client> registered) {
        for (Client client : configured) {
            byId.put(client.clientId(), client);
            for (ClientKey key : client.keys()) {
                byHash.put(new Digest(key.sha256()), new KeyRef(client, key));
            }
        }
        int count = 0;
        for (Client client : registered) {
            if (byId.putIfAbsent(client.clientId(), client) != null) {
                continue;
            }
            count++;
            Map<String, Boolean> revoked = new HashMap<>();
            for (ClientKey key : client.keys()) {
                byKeyId.put(key.keyId(), new KeyRef(client, key));
                revoked.put(key.keyId(), key.isRevoked());
            }
            marks.put(client.clientId(), new Marks(!client.isActive(),
                    client.tokensNotBefore() == null ? Long.MIN_VALUE : client.tokensNotBefore().getEpochSecond(),
                    Map.copyOf(revoked)));
        }
        this.registered = count;
    }

    @Nullable Client client(String clientId) {
        return byId.get(clientId);
    }

    Collection<Client> clients() {
        return byId.values();
    }

    @Nullable KeyRef byKeyId(String keyId) {
        return byKeyId.get(keyId);
    }

    @Nullable KeyRef byHash(byte[] sha256) {
        return byHash.get(new Digest(sha256));
    }

    /** The marks of a registered client; null for an unknown or read-only one. */
    @Nullable Marks marks(String clientId) {
        return marks.get(clientId);
    }

    int registered() {
        return registered;
    }

    /**
     * A key and its client.
     *
     * @param client the client
     * @param key    one of its keys
     */
    record KeyRef(Client client, ClientKey key) {
    }

    /**
     * What ends a registered client's tokens before they expire.
     *
     * @param disabled  the client is disabled: every token it holds is refused
     * @param notBefore tokens with an {@code iat} before this second are refused; {@link Long#MIN_VALUE} for none
     * @param revoked   each of its keys, and whether it is revoked: a token of a revoked key is refused, and so is one
     *                  of a key the client does not have (a client deleted, then created again under its id)
     */
    record Marks(boolean disabled, long notBefore, Map<String, Boolean> revoked) {

        boolean ends(@Nullable Instant issuedAt, String keyId) {
            return disabled
                    || (issuedAt == null ? notBefore != Long.MIN_VALUE : issuedAt.getEpochSecond() < notBefore)
                    || !Boolean.FALSE.equals(revoked.get(keyId));
        }
    }
}
