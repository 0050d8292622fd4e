package io.jwtgateway.gateway.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RestartableBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * CORS as a page on another origin meets it: preflights answered by the gateway before any limit or token is asked
 * for, and never sent to a backend; another origin refused with a problem detail; refusals readable by the page.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.replenish-rate=1",
        "gateway.rate-limit.auth-endpoints.burst-capacity=2",
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-origins="
                + CorsTests.APP,
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-methods=GET,POST",
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-headers="
                + "Authorization,Content-Type",
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].max-age=600"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class CorsTests {

    static final String APP = "https://app.example.com";

    static final RestartableBackend backend = new RestartableBackend("backend");

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void resetBackend() {
        backend.reset();
    }

    @Test
    void preflightWhenOriginAllowedThenAnsweredByTheGatewayAndBackendUntouched() {
        preflight("/api/v3/secret", APP, "GET")
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        value -> assertThat(value).containsIgnoringCase("authorization"))
                .expectBody(Void.class);

        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void preflightWhenTokenEndpointThenAnsweredAndNotCountedByItsRateLimit() {
        for (int i = 0; i < 6; i++) {                       // three times the burst of 2
            preflight("/api/v3/auth", APP, "POST")
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expectBody(Void.class);
        }

        client.post().uri("/api/v3/auth").header(HttpHeaders.ORIGIN, APP)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"api-key\": \"wrong\"}")
                .exchange()
                .expectStatus().isUnauthorized()                // refused for its key, not 429 for the preflights
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                .expectBody(Void.class);
    }

    @Test
    void preflightWhenOriginNotAllowedThen403ProblemWithoutCorsHeaders() {
        preflight("/api/v3/secret", "https://evil.example.net", "GET")
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("cors_origin");

        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void getWhenRefusedFromAllowedOriginThenPageCanReadChallengeAndRequestId() {
        client.get().uri("/api/v3/secret").header(HttpHeaders.ORIGIN, APP).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, value -> assertThat(value)
                        .contains(HttpHeaders.WWW_AUTHENTICATE).contains("X-Request-Id").contains("DPoP-Nonce"))
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void getWhenPathRefusedByTheFirewallThenStillReadableByThePage() {
        client.get().uri("/api/v3/public/..%2fsecret").header(HttpHeaders.ORIGIN, APP).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                .expectBody(Void.class);
    }

    @Test
    void getWhenAllowedOriginAndPublicRouteThenBackendAnswersWithCorsHeaders() {
        client.get().uri("/api/v3/home").header(HttpHeaders.ORIGIN, APP).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                .expectBody(String.class).isEqualTo("backend");
    }

    private WebTestClient.ResponseSpec preflight(String path, String origin, String method) {
        return client.options().uri(path)
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .exchange();
    }
}
