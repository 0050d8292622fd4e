package io.jwtgateway.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.store.SharedDocuments;
import io.jwtgateway.gateway.store.StoreType;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.MemoryDocuments;
import io.jwtgateway.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class KeyUsesTests {

    static final Instant NOW = ClientRegistryTests.NOW;

    final MutableClock clock = new MutableClock(NOW);
    final MemoryDocuments clients = new MemoryDocuments();
    final CountingDocuments lastUses = new CountingDocuments();
    final ClientDocuments documents = new ClientDocuments(clients, lastUses);
    final ClientRegistry registry = new ClientRegistry(documents,
            AuthConfig.of("api-keys[0].sha256=" + "a".repeat(64), "api-keys[0].subject=reporting"), clock);
    final KeyUses uses = new KeyUses(documents, registry, clock,
            new ClientsProperties(StoreType.FILE, 10, 2, Duration.ofMinutes(1)));
    final NewKey key = ApiKeyFormat.generate(new SecureRandom());
    final Client client = ClientRegistryTests.client("billing", ClientStatus.ACTIVE,
            ClientRegistryTests.keyOf(key, null, null));

    @Test
    void lastUseWhenNotedThenReadBeforeAnyWrite() {
        store(client);

        uses.used(client, client.keys().get(0));

        assertThat(uses.lastUse(key.keyId())).isEqualTo(NOW);
        assertThat(lastUses.puts).hasValue(0);
    }

    @Test
    void writeWhenKeyUsedManyTimesInOneIntervalThenOneWriteOfTheLastUse() {
        store(client);
        for (int i = 0; i < 100; i++) {
            uses.used(client, client.keys().get(0));
            clock.advance(Duration.ofMillis(500));
        }

        uses.write().block();

        assertThat(lastUses.puts).hasValue(1);
        assertThat(lastUses.all().get(key.keyId())).isEqualTo("{\"last_used_at\":" + NOW.plusSeconds(49)
                .getEpochSecond() + "}");
    }

    @Test
    void writeWhenNoUseSinceTheLastWriteThenNoWrite() {
        store(client);
        uses.used(client, client.keys().get(0));
        uses.write().block();

        uses.write().block();

        assertThat(lastUses.puts).hasValue(1);
    }

    @Test
    void writeWhenConfiguredKeyUsedThenKeptInMemoryOnly() {
        Client configured = registry.find("config-0").orElseThrow();

        uses.used(configured, configured.keys().get(0));
        uses.write().block();

        assertThat(lastUses.puts).hasValue(0);
        assertThat(uses.lastUse("config-0")).isEqualTo(NOW);
    }

    @Test
    void lastUseWhenAnotherReplicaWroteALaterOneThenTheirs() {
        store(client);
        uses.used(client, client.keys().get(0));

        lastUses.put(key.keyId(), "{\"last_used_at\":" + NOW.plusSeconds(30).getEpochSecond() + "}").block();

        assertThat(uses.lastUse(key.keyId())).isEqualTo(NOW.plusSeconds(30));
    }

    private void store(Client stored) {
        clients.put(stored.clientId(), StoredClient.write(stored)).block();
    }

    /** Documents in memory that count the writes made to them. */
    static final class CountingDocuments implements SharedDocuments {

        final MemoryDocuments documents = new MemoryDocuments();
        final AtomicInteger puts = new AtomicInteger();

        @Override
        public Map<String, String> all() {
            return documents.all();
        }

        @Override
        public Mono<Void> put(String id, String json) {
            return documents.put(id, json).doOnSuccess(done -> puts.incrementAndGet());
        }

        @Override
        public Mono<Void> remove(String id) {
            return documents.remove(id);
        }

        @Override
        public void onChange(Runnable listener) {
            documents.onChange(listener);
        }

        @Override
        public boolean isAvailable() {
            return true;
        }
    }
}
