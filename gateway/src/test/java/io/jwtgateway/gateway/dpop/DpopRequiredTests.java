package io.jwtgateway.gateway.dpop;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DpopClient;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** {@code gateway.auth.dpop.required}: every token issued is bound, and an unbound token is refused everywhere. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.enabled=false",
        "gateway.auth.dpop.required=true"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class DpopRequiredTests {

    static final String API_KEY = "dpop-required-api-key-0123456789";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> Sha256.hex(API_KEY.getBytes(UTF_8)));
        registry.add("gateway.auth.api-keys[0].subject", () -> "mobile-app");
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void tokenEndpointWhenNoProofThenBadRequestAndNoToken() {
        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.data.error").isEqualTo("invalid_dpop_proof")
                .jsonPath("$.data.token").doesNotExist();
    }

    @Test
    void secretWhenUnboundTokenThenRefusedAndWhenBoundWithProofThenForwarded() {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(new TestTokens().valid().sign())).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"invalid_token\""))
                .expectBody(Void.class);
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        DpopClient dpop = DpopClient.es256();
        byte[] body = client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY)
                .header("DPoP", dpop.proof("POST", "http://localhost:" + port + "/api/v3/auth")).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        String token = JsonMapper.builder().build().readTree(body).get("data").get("token").asString();
        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", dpop.proof("GET", "http://localhost:" + port + "/api/v3/secret", token, null))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }
}
