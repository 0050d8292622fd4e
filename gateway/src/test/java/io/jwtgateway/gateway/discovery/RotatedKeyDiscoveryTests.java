package io.jwtgateway.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The discovery documents of a gateway signing RS256 with a configured key, an ES256 key retired, and an issuer URL
 * with a path, as behind a proxy that publishes it under {@code /gw}.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.signing.algorithm=RS256",
        "gateway.auth.issuer=" + RotatedKeyDiscoveryTests.ISSUER})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RotatedKeyDiscoveryTests {

    static final String ISSUER = "https://gateway.example/gw";

    @TempDir
    static Path keys;

    @DynamicPropertySource
    static void signingKeys(DynamicPropertyRegistry registry) {
        KeyPair current = Jwts.SIG.RS256.keyPair().build();
        KeyPair retired = Jwts.SIG.ES256.keyPair().build();
        Path privateKey = PemFiles.writePrivate(keys, "current.pem", current);
        Path retiredKey = PemFiles.writePublic(keys, "retired.pub.pem", retired);
        registry.add("gateway.auth.signing.private-key", privateKey::toString);
        registry.add("gateway.auth.signing.previous-public-keys[0]", retiredKey::toString);
        DiscoveryFixture.configureApiKey(registry);
    }

    @Autowired
    WebTestClient client;

    @Test
    void jwksWhenKeyRetiredThenCurrentKeyFirstThenRetiredKeyThenAssertionKey() {
        String kid = DiscoveryFixture.header(DiscoveryFixture.issue(client)).get("kid").asString();

        JsonNode keySet = DiscoveryFixture.json(client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        assertThat(keySet.get("keys")).hasSize(3);                 // the identity assertions' key last
        JsonNode current = keySet.get("keys").get(0);
        assertThat(current.get("kid").asString()).isEqualTo(kid);
        assertThat(current.get("kty").asString()).isEqualTo("RSA");
        assertThat(current.get("alg").asString()).isEqualTo("RS256");
        assertThat(current.get("use").asString()).isEqualTo("sig");
        assertThat(current.propertyNames()).contains("n", "e").doesNotContain("d", "p", "q", "dp", "dq", "qi");
        JsonNode retired = keySet.get("keys").get(1);
        assertThat(retired.get("kid").asString()).isNotEqualTo(kid);
        assertThat(retired.get("kty").asString()).isEqualTo("EC");
        assertThat(retired.get("alg").asString()).isEqualTo("ES256");
        assertThat(retired.get("use").asString()).isEqualTo("sig");
        assertThat(retired.get("crv").asString()).isEqualTo("P-256");
        assertThat(retired.propertyNames()).contains("x", "y").doesNotContain("d");
    }

    @Test
    void metadataWhenIssuerHasPathThenServedAtRfc8414LocationWithIssuerUrls() {
        client.get().uri("/.well-known/oauth-authorization-server/gw").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "public, max-age=300")
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(ISSUER)
                .jsonPath("$.token_endpoint").isEqualTo(ISSUER + "/oauth2/token")
                .jsonPath("$.jwks_uri").isEqualTo(ISSUER + "/.well-known/jwks.json")
                .jsonPath("$.access_token_signing_alg_values_supported").isEqualTo(List.of("RS256", "ES256"));
    }

    @Test
    void metadataWhenIssuerHasPathThenAlsoServedAtRootForAProxyThatStripsThePath() {
        client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(ISSUER)
                .jsonPath("$.jwks_uri").isEqualTo(ISSUER + "/.well-known/jwks.json");
    }
}
