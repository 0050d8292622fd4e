package io.jwtgateway.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.MemoryDocuments;
import io.jwtgateway.gateway.testing.MutableClock;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class EndedTokensTests {

    static final Instant NOW = ClientRegistryTests.NOW;

    final MemoryDocuments clients = new MemoryDocuments();
    final ClientRegistry registry = new ClientRegistry(new ClientDocuments(clients, new MemoryDocuments()),
            AuthConfig.of("api-keys[0].sha256=" + "a".repeat(64), "api-keys[0].subject=reporting",
                    "api-keys[0].client-id=reporting"),
            new MutableClock(NOW));
    final EndedTokens ended = new EndedTokens(registry);
    final NewKey first = ApiKeyFormat.generate(new SecureRandom());
    final NewKey second = ApiKeyFormat.generate(new SecureRandom());

    @Test
    void isEndedWhenTokenHasNoKeyIdThenNever() {
        assertThat(ended.isEnded(token(null, null, NOW))).isFalse();
        assertThat(ended.isEnded(token("reporting", null, NOW))).isFalse();
    }

    @Test
    void isEndedWhenClientActiveAndKeyCurrentThenNot() {
        store(client(ClientStatus.ACTIVE, null, ClientRegistryTests.keyOf(first, null, null)));

        assertThat(ended.isEnded(token("billing", first.keyId(), NOW))).isFalse();
    }

    @Test
    void isEndedWhenClientDisabledThenEveryTokenEnded() {
        store(client(ClientStatus.DISABLED, null, ClientRegistryTests.keyOf(first, null, null)));

        assertThat(ended.isEnded(token("billing", first.keyId(), NOW))).isTrue();
    }

    @Test
    void isEndedWhenIssuedBeforeTokensNotBeforeThenEndedAndAfterNot() {
        store(client(ClientStatus.ACTIVE, NOW, ClientRegistryTests.keyOf(first, null, null)));

        assertThat(ended.isEnded(token("billing", first.keyId(), NOW.minusSeconds(1)))).isTrue();
        assertThat(ended.isEnded(token("billing", first.keyId(), NOW))).isFalse();
    }

    @Test
    void isEndedWhenItsKeyRevokedThenEndedAndTheOtherKeysTokensNot() {
        store(client(ClientStatus.ACTIVE, null, ClientRegistryTests.keyOf(first, null, NOW),
                ClientRegistryTests.keyOf(second, null, null)));

        assertThat(ended.isEnded(token("billing", first.keyId(), NOW))).isTrue();
        assertThat(ended.isEnded(token("billing", second.keyId(), NOW))).isFalse();
    }

    @Test
    void isEndedWhenClientDeletedThenEnded() {
        store(client(ClientStatus.ACTIVE, null, ClientRegistryTests.keyOf(first, null, null)));

        clients.remove("billing").block();

        assertThat(ended.isEnded(token("billing", first.keyId(), NOW))).isTrue();
    }

    @Test
    void isEndedWhenKeyIdNamesAReadOnlyClientThenEnded() {
        assertThat(ended.isEnded(token("reporting", "config-0", NOW))).isTrue();
    }

    @Test
    void requireCurrentWhenEndedThenRefusedAsRevoked() {
        StepVerifier.create(ended.requireCurrent(token("billing", first.keyId(), NOW)))
                .expectErrorSatisfies(error -> assertThat(((AuthException) error).error().description())
                        .isEqualTo("The token has been revoked"))
                .verify();
    }

    private void store(Client client) {
        clients.put(client.clientId(), StoredClient.write(client)).block();
    }

    private static Client client(ClientStatus status, @Nullable Instant notBefore, ClientKey... keys) {
        Client client = ClientRegistryTests.client("billing", status, keys);
        return client.withMetadata(client.metadata(), notBefore);
    }

    private static VerifiedToken token(@Nullable String clientId, @Nullable String keyId, Instant issuedAt) {
        return new VerifiedToken("jwt-gateway", "billing", List.of(), List.of(), "jti-1", issuedAt,
                issuedAt.plusSeconds(180), null, clientId, keyId, null, null);
    }
}
