package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import io.jwtgateway.gateway.clients.ApiKeyFormat.NewKey;
import io.jwtgateway.gateway.crypto.Sha256;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTests {

    final SecureRandom random = new SecureRandom();

    @Test
    void generateWhenCalledThenPrefixKeyIdDotAndSecretHashedWhole() {
        NewKey key = ApiKeyFormat.generate(random);

        assertThat(key.apiKey()).matches("gwk_[a-z2-7]{12}\\.[A-Za-z0-9_-]{43}");
        assertThat(key.apiKey()).startsWith("gwk_" + key.keyId() + ".");
        assertThat(key.sha256()).isEqualTo(Sha256.digest(key.apiKey().getBytes(UTF_8)));
        assertThat(key.toString()).doesNotContain(key.apiKey().substring(17));
    }

    @Test
    void generateWhenCalledManyTimesThenEveryKeyIdDiffers() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(ApiKeyFormat.generate(random).keyId());
        }

        assertThat(ids).hasSize(1000);
    }

    @Test
    void keyIdOfWhenKeyMadeByTheGatewayThenItsKeyId() {
        NewKey key = ApiKeyFormat.generate(random);

        assertThat(ApiKeyFormat.keyIdOf(key.apiKey())).isEqualTo(key.keyId());
    }

    @Test
    void keyIdOfWhenAnyOtherShapeThenNull() {
        NewKey key = ApiKeyFormat.generate(random);

        assertThat(ApiKeyFormat.keyIdOf("an-old-style-key")).isNull();
        assertThat(ApiKeyFormat.keyIdOf(key.apiKey() + "x")).isNull();
        assertThat(ApiKeyFormat.keyIdOf(key.apiKey().replace('.', '-'))).isNull();
        assertThat(ApiKeyFormat.keyIdOf("gwk_ABCDEFGHIJKL" + key.apiKey().substring(16))).isNull();
    }
}
