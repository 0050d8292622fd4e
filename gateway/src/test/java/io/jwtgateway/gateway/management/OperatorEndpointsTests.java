package io.jwtgateway.gateway.management;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.io.IOException;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The operator endpoints sharing the main port, as they do when {@code management.server.port} is not set: health and
 * its probes are public and show a status only; every other endpoint needs an admin-role token.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class OperatorEndpointsTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final TestTokens tokens = new TestTokens();

    @AfterEach
    void backendNeverReached() {
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    // --- health: public, status only ---

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/livez",
            "/readyz"})
    void healthWhenAnonymousThenUpWithStatusOnly(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.details").doesNotExist();
    }

    @Test
    void healthComponentWhenAnonymousThenNotShown() {
        client.get().uri("/actuator/health/keys").exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    // --- every other endpoint: admin role only ---

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info", "/actuator",
            "/actuator/env", "/actuator/metrics/"})
    void operatorEndpointWhenAnonymousThenUnauthorizedWithBearerChallenge(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo(path);
    }

    @Test
    void metricsWhenPostedAnonymouslyThenUnauthorized() {
        client.post().uri("/actuator/metrics").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void metricsWhenUserTokenThenForbiddenInsufficientScope() {
        String user = tokens.valid().roles("user").sign();

        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(user)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error=\"insufficient_scope\"")
                        .contains("admin"))
                .expectBody()
                .jsonPath("$.error").isEqualTo("insufficient_scope");
    }

    @Test
    void metricsWhenAdminTokenThenServed() {
        String admin = tokens.valid().roles("admin").sign();

        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.names").isArray();
    }

    @Test
    void infoWhenAdminTokenThenServed() {
        String admin = tokens.valid().roles("admin").sign();

        client.get().uri("/actuator/info").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/heapdump", "/actuator/gateway/routes", "/actuator"})
    void unexposedEndpointWhenAdminTokenThenNotFound(String path) {
        String admin = tokens.valid().roles("admin").sign();

        client.get().uri(path).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void metricsWhenAdminTokenExpiredThenInvalidToken() {
        String expired = tokens.valid().roles("admin").expiresAt(Instant.now().minusSeconds(300)).sign();

        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(expired)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""))
                .expectBody(Void.class);
    }

    @Test
    void metricsWhenAdminTokenSignedWithAnotherSecretThenInvalidToken() {
        String forged = tokens.valid().roles("admin").signedWith("another-secret-that-is-32-bytes-or-more").sign();

        client.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""))
                .expectBody(Void.class);
    }

    @Test
    void metricsWhenBasicCredentialsThenUnauthorizedAsAnonymous() {
        client.get().uri("/actuator/metrics").headers(h -> h.setBasicAuth("admin", "admin")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectBody(Void.class);
    }

    @Test
    void metricsWhenPathPercentEncodedThenStillGuarded() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/%61ctuator/%6detrics", "");

        assertThat(response).startsWith("HTTP/1.1 401");
    }
}
