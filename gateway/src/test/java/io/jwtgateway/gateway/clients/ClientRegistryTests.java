package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.observe.KeyRefusal;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.MemoryDocuments;
import io.jwtgateway.gateway.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ClientRegistryTests {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String CONFIGURED_KEY = "configured-api-key-0123456789";

    final MutableClock clock = new MutableClock(NOW);
    final MemoryDocuments clients = new MemoryDocuments();
    final SecureRandom random = new SecureRandom();
    final ClientRegistry registry = new ClientRegistry(new ClientDocuments(clients, new MemoryDocuments()),
            AuthConfig.of("api-keys[0].sha256=" + Sha256.hex(CONFIGURED_KEY.getBytes(UTF_8)).toUpperCase(),
                    "api-keys[0].subject=reporting", "api-keys[0].client-id=reporting",
                    "api-keys[1].sha256=" + Sha256.hex("second-configured-key".getBytes(UTF_8)),
                    "api-keys[1].subject=legacy"),
            clock);

    @Test
    void checkWhenRegisteredKeyPresentedThenAcceptedWithItsClientAndKey() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, null, null)));

        KeyCheck check = registry.check(key.apiKey(), GrantType.API_KEY, null);

        assertThat(check).isInstanceOfSatisfying(KeyCheck.Accepted.class, accepted -> {
            assertThat(accepted.client().clientId()).isEqualTo("billing");
            assertThat(accepted.key().keyId()).isEqualTo(key.keyId());
        });
    }

    @Test
    void checkWhenKeyIdRightButSecretWrongThenUnknown() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, null, null)));
        String forged = key.apiKey().substring(0, key.apiKey().length() - 4) + "AAAA";

        KeyCheck check = registry.check(forged, GrantType.API_KEY, null);

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.UNKNOWN));
    }

    @Test
    void checkWhenKeyRevokedThenRevoked() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, null, NOW.minusSeconds(1))));

        KeyCheck check = registry.check(key.apiKey(), GrantType.API_KEY, null);

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.REVOKED));
    }

    @Test
    void checkWhenKeyReachedItsExpiryThenExpired() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, NOW.plusSeconds(60), null)));
        clock.advance(Duration.ofSeconds(60));

        KeyCheck check = registry.check(key.apiKey(), GrantType.API_KEY, null);

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.EXPIRED));
    }

    @Test
    void checkWhenClientDisabledThenDisabled() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.DISABLED, keyOf(key, null, null)));

        KeyCheck check = registry.check(key.apiKey(), GrantType.API_KEY, null);

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.DISABLED));
    }

    @Test
    void checkWhenClientLacksTheGrantTypeThenGrantNotAllowed() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, null, null)));

        KeyCheck check = registry.check(key.apiKey(), GrantType.CLIENT_CREDENTIALS, "billing");

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.GRANT_NOT_ALLOWED));
    }

    @Test
    void checkWhenKeyOfAnotherClientThanNamedThenWrongClient() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("billing", ClientStatus.ACTIVE, keyOf(key, null, null)));

        KeyCheck check = registry.check(key.apiKey(), GrantType.API_KEY, "reporting");

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.WRONG_CLIENT));
    }

    @Test
    void checkWhenConfiguredKeyWithUpperCaseHashThenFoundAsReadOnlyClient() {
        KeyCheck check = registry.check(CONFIGURED_KEY, GrantType.CLIENT_CREDENTIALS, "reporting");

        assertThat(check).isInstanceOfSatisfying(KeyCheck.Accepted.class, accepted -> {
            assertThat(accepted.client().readOnly()).isTrue();
            assertThat(accepted.client().metadata().subject()).isEqualTo("reporting");
            assertThat(accepted.key().keyId()).isEqualTo("config-0");
        });
    }

    @Test
    void checkWhenConfiguredKeyWithoutClientIdAtTokenEndpointThenGrantNotAllowed() {
        KeyCheck apiKey = registry.check("second-configured-key", GrantType.API_KEY, null);
        KeyCheck clientCredentials = registry.check("second-configured-key", GrantType.CLIENT_CREDENTIALS, "config-1");

        assertThat(apiKey).isInstanceOfSatisfying(KeyCheck.Accepted.class,
                accepted -> assertThat(accepted.client().clientId()).isEqualTo("config-1"));
        assertThat(clientCredentials).isEqualTo(new KeyCheck.Refused(KeyRefusal.GRANT_NOT_ALLOWED));
    }

    @Test
    void checkWhenConfiguredHashPresentedAsKeyThenUnknown() {
        String hash = Sha256.hex(CONFIGURED_KEY.getBytes(UTF_8));

        KeyCheck check = registry.check(hash, GrantType.API_KEY, null);

        assertThat(check).isEqualTo(new KeyCheck.Refused(KeyRefusal.UNKNOWN));
    }

    @Test
    void findWhenDocumentRemovedFromStoreThenGoneAfterTheChange() {
        store(client("billing", ClientStatus.ACTIVE));

        clients.remove("billing").block();

        assertThat(registry.find("billing")).isEmpty();
        assertThat(registry.registered()).isZero();
    }

    @Test
    void rebuildWhenOneDocumentInvalidThenItIsSkippedAndTheOthersServed() {
        clients.put("broken", "{\"client_id\": \"broken\", \"grant_types\": [\"implicit\"]}").block();
        store(client("billing", ClientStatus.ACTIVE));

        assertThat(registry.find("broken")).isEmpty();
        assertThat(registry.find("billing")).isPresent();
    }

    @Test
    void rebuildWhenRegisteredIdIsAConfiguredOneThenTheConfiguredClientWins() {
        NewKey key = ApiKeyFormat.generate(random);
        store(client("reporting", ClientStatus.ACTIVE, keyOf(key, null, null)));

        assertThat(registry.find("reporting")).hasValueSatisfying(client -> assertThat(client.readOnly()).isTrue());
        assertThat(registry.check(key.apiKey(), GrantType.API_KEY, null))
                .isEqualTo(new KeyCheck.Refused(KeyRefusal.UNKNOWN));
    }

    @Test
    void registryWhenNoKeysConfiguredThenOneReadOnlyDemoClient() {
        ClientRegistry demo = new ClientRegistry(new ClientDocuments(new MemoryDocuments(), new MemoryDocuments()),
                AuthConfig.of(), clock);

        assertThat(demo.all()).singleElement().satisfies(client -> {
            assertThat(client.clientId()).isEqualTo("demo");
            assertThat(client.readOnly()).isTrue();
            assertThat(client.metadata().grantTypes()).containsExactlyInAnyOrder(GrantType.values());
        });
    }

    @Test
    void storedClientWhenWrittenAndReadThenTheSameClient() {
        NewKey key = ApiKeyFormat.generate(random);
        Client client = client("billing", ClientStatus.ACTIVE, keyOf(key, NOW.plusSeconds(3600), null));

        Client read = StoredClient.read(StoredClient.write(client));

        assertThat(read.toString()).isEqualTo(client.toString());
        assertThat(read.keys().get(0).sha256()).isEqualTo(key.sha256());
    }

    private void store(Client client) {
        clients.put(client.clientId(), StoredClient.write(client)).block();
    }

    static Client client(String id, ClientStatus status, ClientKey... keys) {
        ClientMetadata metadata = new ClientMetadata("Billing", id, List.of("user"), List.of("orders:read"),
                EnumSet.of(GrantType.API_KEY), null, null, false, status, List.of());
        return new Client(id, metadata, NOW, null, List.of(keys), null, false);
    }

    static ClientKey keyOf(NewKey key, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {
        return new ClientKey(key.keyId(), key.sha256(), NOW, expiresAt, revokedAt);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
