package io.jwtgateway.gateway.clients;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.store.SharedDocuments;
import reactor.core.publisher.Mono;

/**
 * Reaches the package-private constructors of {@link ClientRegistry} and {@link EndedTokens}, for benchmarks: a
 * registry holding the given clients, as every replica holds it in memory.
 */
public final class ClientRegistries {

    private ClientRegistries() {
    }

    /** The ended-token check of a registry holding {@code clients} and {@code others} made-up clients beside them. */
    public static EndedTokens endedTokens(AuthProperties properties, Clock clock, int others, Client... clients) {
        return new EndedTokens(registry(properties, clock, others, clients));
    }

    /**
     * A registry holding {@code clients} and {@code others} more, each of those with two keys, the first revoked, and
     * read-only clients of {@code gateway.auth.api-keys} as configured.
     */
    public static ClientRegistry registry(AuthProperties properties, Clock clock, int others, Client... clients) {
        Map<String, String> documents = new HashMap<>();
        for (Client client : clients) {
            documents.put(client.clientId(), StoredClient.write(client));
        }
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant();
        for (int i = 0; i < others; i++) {
            List<ClientKey> keys = new ArrayList<>();
            NewKey revoked = ApiKeyFormat.generate(random);
            NewKey current = ApiKeyFormat.generate(random);
            keys.add(new ClientKey(revoked.keyId(), revoked.sha256(), now, null, now));
            keys.add(new ClientKey(current.keyId(), current.sha256(), now, null, null));
            ClientMetadata metadata = new ClientMetadata(null, "client-" + i, List.of("user"), List.of(),
                    EnumSet.allOf(GrantType.class), null, null, false, ClientStatus.ACTIVE, List.of());
            documents.put("client-" + i, StoredClient.write(new Client("client-" + i, metadata, now, now, keys, null,
                    false)));
        }
        Fixed fixed = new Fixed(Map.copyOf(documents));
        return new ClientRegistry(new ClientDocuments(fixed, new Fixed(Map.of())), properties, clock);
    }

    /** Documents that never change. */
    private record Fixed(Map<String, String> all) implements SharedDocuments {

        @Override
        public Mono<Void> put(String id, String json) {
            return Mono.error(new UnsupportedOperationException("fixed documents"));
        }

        @Override
        public Mono<Void> remove(String id) {
            return Mono.error(new UnsupportedOperationException("fixed documents"));
        }

        @Override
        public void onChange(Runnable listener) {
        }

        @Override
        public boolean isAvailable() {
            return true;
        }
    }
}
