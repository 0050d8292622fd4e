package io.jwtgateway.gateway.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.util.List;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The discovery documents of a gateway signing with HS256 and the default, non-URL issuer {@code jwt-gateway}. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class HmacDiscoveryTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void jwksWhenHmacThenOnlyTheAssertionKeyWithoutTheSecret() {
        byte[] body = client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys").isArray()
                .jsonPath("$.keys.length()").isEqualTo(1)             // the identity assertions' key, never a token's
                .jsonPath("$.keys[0].kty").isEqualTo("EC")
                .returnResult().getResponseBody();

        String json = new String(body, UTF_8);
        assertThat(json).doesNotContain("\"k\"").doesNotContain("oct");
    }

    @Test
    void jwksWhenReadThenJwkSetMediaTypeCacheableForFiveMinutes() {
        client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/jwk-set+json")
                .expectHeader().valueEquals("Cache-Control", "public, max-age=300")
                .expectBody(Void.class);
    }

    @Test
    void jwksWhenHeadThenHeadersWithoutBody() {
        client.head().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/jwk-set+json")
                .expectBody().isEmpty();
    }

    @Test
    void jwksWhenPostThenMethodNotAllowedProblem() {
        client.post().uri("/.well-known/jwks.json").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET,HEAD")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(405)
                .jsonPath("$.title").isEqualTo("Method Not Allowed")
                .jsonPath("$.instance").isEqualTo("/.well-known/jwks.json");
    }

    @Test
    void metadataWhenIssuerIsNotUrlThenEndpointsOnTheRequestOrigin() {
        String origin = "http://localhost:" + port;

        client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Cache-Control", "public, max-age=300")
                .expectBody()
                .jsonPath("$.issuer").isEqualTo("jwt-gateway")
                .jsonPath("$.token_endpoint").isEqualTo(origin + "/oauth2/token")
                .jsonPath("$.jwks_uri").isEqualTo(origin + "/.well-known/jwks.json")
                .jsonPath("$.response_types_supported").isArray()
                .jsonPath("$.response_types_supported").isEmpty()
                .jsonPath("$.grant_types_supported")
                .isEqualTo(List.of("client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"))
                .jsonPath("$.token_endpoint_auth_methods_supported")
                .isEqualTo(List.of("client_secret_basic", "client_secret_post"))
                .jsonPath("$.access_token_signing_alg_values_supported").isEqualTo(List.of("HS256"))
                .jsonPath("$.revocation_endpoint").isEqualTo(origin + "/oauth2/revoke")
                .jsonPath("$.revocation_endpoint_auth_methods_supported").isEqualTo(List.of("none"))
                .jsonPath("$.introspection_endpoint").isEqualTo(origin + "/oauth2/introspect")
                .jsonPath("$.registration_endpoint").isEqualTo(origin + "/oauth2/register");
    }

    @Test
    void metadataWhenPathSuffixWithoutIssuerPathThenNotFound() {
        client.get().uri("/.well-known/oauth-authorization-server/gw").exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void metadataWhenDeleteThenMethodNotAllowedProblem() {
        client.delete().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }

    @Test
    void openIdConfigurationWhenRequestedThenNotFoundSoDiscoveryMovesOn() {
        // Spring Security's issuer-uri discovery tries this first and moves on only after a 4xx.
        client.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }
}
