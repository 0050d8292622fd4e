package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.config.AuthProperties.Cache;
import io.jwtgateway.gateway.config.AuthProperties.Signing;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AuthPropertiesTests {

    static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";
    static final String KEY_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Duration TTL = Duration.ofMinutes(3);
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Signing SIGNING = new Signing("HS256", null, List.of(), null);
    static final Cache CACHE = new Cache(true, 10_000);

    @Test
    void constructWhenSecretIs31AsciiBytesThenRejectedNamingProperty() {
        String secret = "x".repeat(31);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(secret, TTL, SKEW))
                .withMessageContaining("gateway.auth.hmac-secret");
    }

    @Test
    void constructWhenSecretIs32AsciiBytesThenAccepted() {
        String secret = "x".repeat(32);

        assertThatNoException().isThrownBy(() -> properties(secret, TTL, SKEW));
    }

    @Test
    void constructWhenSecretIs11ThreeByteCharactersThenAccepted() {
        String secret = "€".repeat(11);                 // 11 chars, 33 bytes of UTF-8

        assertThatNoException().isThrownBy(() -> properties(secret, TTL, SKEW));
    }

    @Test
    void constructWhenSecretIs10ThreeByteCharactersThenRejectedNamingProperty() {
        String secret = "€".repeat(10);                 // 30 bytes of UTF-8

        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(secret, TTL, SKEW))
                .withMessageContaining("gateway.auth.hmac-secret");
    }

    @Test
    void constructWhenSecretEmptyThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties("", TTL, SKEW))
                .withMessageContaining("gateway.auth.hmac-secret");
    }

    @Test
    void constructWhenSecretUnsetThenAccepted() {
        assertThatNoException().isThrownBy(() -> properties(null, TTL, SKEW));
    }

    @Test
    void constructWhenTtlZeroThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(SECRET, Duration.ZERO, SKEW))
                .withMessageContaining("gateway.auth.token-ttl");
    }

    @Test
    void constructWhenTtlNegativeThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(SECRET, Duration.ofSeconds(-1), SKEW))
                .withMessageContaining("gateway.auth.token-ttl");
    }

    @Test
    void constructWhenSkewNegativeThenRejectedNamingProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(SECRET, TTL, Duration.ofSeconds(-1)))
                .withMessageContaining("gateway.auth.clock-skew");
    }

    @Test
    void constructWhenSkewZeroThenAccepted() {
        assertThatNoException().isThrownBy(() -> properties(SECRET, TTL, Duration.ZERO));
    }

    @Test
    void constructWhenSeveralRulesBrokenThenOneExceptionNamesEachProperty() {
        Throwable thrown = catchThrowable(() -> properties("x".repeat(31), Duration.ZERO, Duration.ofSeconds(-1)));

        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
        assertThat(((InvalidConfigurationException) thrown).problems()).extracting(ConfigurationProblem::property)
                .containsExactly("gateway.auth.hmac-secret", "gateway.auth.token-ttl", "gateway.auth.clock-skew");
    }

    @Test
    void constructWhenApiKeysListChangesAfterwardsThenPropertiesUnchanged() {
        List<ApiKey> keys =
                new ArrayList<>(List.of(new ApiKey(KEY_HASH, "alice", List.of("user"), null, List.of(), List.of())));
        AuthProperties properties = with(SECRET, keys);

        keys.clear();

        assertThat(properties.apiKeys()).hasSize(1);
    }

    @Test
    void constructWhenExchangeAudiencesWithoutClientIdThenProblemNamesThem() {
        List<ApiKey> keys = List.of(new ApiKey(KEY_HASH, "alice", List.of("user"), null, List.of(),
                List.of("inventory")));

        Throwable thrown = catchThrowable(() -> with(SECRET, keys));

        assertThat(((InvalidConfigurationException) thrown).problems()).extracting(ConfigurationProblem::property)
                .containsExactly("gateway.auth.api-keys[0].exchange-audiences");
    }

    @Test
    void toStringWhenSecretAndKeysSetThenNeitherAppears() {
        AuthProperties properties = with(SECRET, List.of(new ApiKey(KEY_HASH, "alice", List.of("user"), "alice-client",
                List.of(), List.of())));

        String text = properties.toString();

        assertThat(text).doesNotContain(SECRET).doesNotContainIgnoringCase(KEY_HASH);
    }

    @Test
    void toStringWhenApiKeyPrintedThenHashAbsent() {
        ApiKey key = new ApiKey(KEY_HASH.toUpperCase(), "alice", List.of("user"), null, List.of(), List.of());

        String text = key.toString();

        assertThat(text).doesNotContainIgnoringCase(KEY_HASH).contains("alice");
    }

    private static AuthProperties properties(@Nullable String secret, Duration ttl, Duration skew) {
        return new AuthProperties(secret, SIGNING, ttl, skew, Duration.ofHours(24), DataSize.ofKilobytes(8),
                "jwt-gateway", "jwt-gateway-backends", "jwt-gateway", false, List.of(), List.of(), CACHE);
    }

    private static AuthProperties with(String secret, List<ApiKey> keys) {
        return new AuthProperties(secret, SIGNING, TTL, SKEW, Duration.ofHours(24), DataSize.ofKilobytes(8),
                "jwt-gateway", "jwt-gateway-backends", "jwt-gateway", false, keys, List.of(), CACHE);
    }
}
