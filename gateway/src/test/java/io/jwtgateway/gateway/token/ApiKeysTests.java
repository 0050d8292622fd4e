package io.jwtgateway.gateway.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.testing.AuthConfig;
import org.junit.jupiter.api.Test;

class ApiKeysTests {

    static final String ALICE_KEY = "alice-api-key-0123456789";
    static final String BOB_KEY = "bob-api-key-9876543210";

    @Test
    void findWhenKeyMatchesLowercaseHashThenOwner() {
        ApiKeys keys =
                new ApiKeys(properties(new ApiKey(sha256Hex(ALICE_KEY), "alice", List.of("user"), null, List.of())));

        Optional<ApiKey> owner = keys.find(ALICE_KEY);

        assertThat(owner).hasValueSatisfying(key -> {
            assertThat(key.subject()).isEqualTo("alice");
            assertThat(key.roles()).containsExactly("user");
        });
    }

    @Test
    void findWhenKeyMatchesUppercaseHashThenOwner() {
        ApiKeys keys = new ApiKeys(
                properties(new ApiKey(sha256Hex(ALICE_KEY).toUpperCase(), "alice", List.of(), null, List.of())));

        Optional<ApiKey> owner = keys.find(ALICE_KEY);

        assertThat(owner).map(ApiKey::subject).hasValue("alice");
    }

    @Test
    void findWhenSeveralKeysConfiguredThenEachFindsItsOwner() {
        ApiKeys keys = new ApiKeys(properties(
                new ApiKey(sha256Hex(ALICE_KEY), "alice", List.of("user"), null, List.of()),
                new ApiKey(sha256Hex(BOB_KEY), "bob", List.of("admin"), null, List.of())));

        Optional<ApiKey> alice = keys.find(ALICE_KEY);
        Optional<ApiKey> bob = keys.find(BOB_KEY);

        assertThat(alice).map(ApiKey::subject).hasValue("alice");
        assertThat(bob).map(ApiKey::subject).hasValue("bob");
    }

    @Test
    void findWhenKeyWrongThenEmpty() {
        ApiKeys keys = new ApiKeys(properties(new ApiKey(sha256Hex(ALICE_KEY), "alice", List.of(), null, List.of())));

        Optional<ApiKey> owner = keys.find(BOB_KEY);

        assertThat(owner).isEmpty();
    }

    @Test
    void findWhenKeyDiffersInCaseThenEmpty() {
        ApiKeys keys = new ApiKeys(properties(new ApiKey(sha256Hex(ALICE_KEY), "alice", List.of(), null, List.of())));

        Optional<ApiKey> owner = keys.find(ALICE_KEY.toUpperCase());

        assertThat(owner).isEmpty();
    }

    @Test
    void findWhenConfiguredHashPresentedAsKeyThenEmpty() {
        String hash = sha256Hex(ALICE_KEY);
        ApiKeys keys = new ApiKeys(properties(new ApiKey(hash, "alice", List.of(), null, List.of())));

        Optional<ApiKey> owner = keys.find(hash);

        assertThat(owner).isEmpty();
    }

    @Test
    void findWhenKeyEmptyThenEmpty() {
        ApiKeys keys = new ApiKeys(properties(new ApiKey(sha256Hex(ALICE_KEY), "alice", List.of(), null, List.of())));

        Optional<ApiKey> owner = keys.find("");

        assertThat(owner).isEmpty();
    }

    @Test
    void findWhenNoKeysConfiguredThenRandomKeyEmpty() {
        ApiKeys keys = new ApiKeys(properties());

        Optional<ApiKey> owner = keys.find(UUID.randomUUID().toString());

        assertThat(owner).isEmpty();
    }

    private static AuthProperties properties(ApiKey... apiKeys) {
        AuthProperties defaults = AuthConfig.of();
        return new AuthProperties(defaults.hmacSecret(), defaults.signing(), defaults.tokenTtl(), defaults.clockSkew(),
                defaults.maxTokenLifetime(), defaults.maxTokenBytes(), defaults.issuer(), defaults.audience(),
                defaults.realm(), false, List.of(apiKeys), List.of(), defaults.cache());
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
