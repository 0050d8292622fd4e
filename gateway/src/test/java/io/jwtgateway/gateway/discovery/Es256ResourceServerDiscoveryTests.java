package io.jwtgateway.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** ES256 with the key pair the gateway makes for itself when none is configured. */
@TestPropertySource(properties = "gateway.auth.signing.algorithm=ES256")
class Es256ResourceServerDiscoveryTests extends ResourceServerDiscoveryTests {

    @Override
    String algorithm() {
        return "ES256";
    }

    @Test
    void jwksWhenEs256ThenThePublicEcKeyOfTheTokenFirst() {
        String kid = DiscoveryFixture.header(DiscoveryFixture.issue(client)).get("kid").asString();

        JsonNode keys = DiscoveryFixture.json(client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("keys");

        assertThat(keys).hasSize(2);                                // then the identity assertions' key
        assertThat(keys.get(1).get("kid").asString()).isNotEqualTo(kid);
        JsonNode key = keys.get(0);
        assertThat(key.get("kid").asString()).isEqualTo(kid);
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("alg").asString()).isEqualTo("ES256");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.propertyNames()).contains("x", "y").doesNotContain("d");
    }
}
