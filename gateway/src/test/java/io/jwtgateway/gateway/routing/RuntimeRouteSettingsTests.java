package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the configuration says of routes by their service or id applies to routes added at runtime as to those of
 * application.yml: the timeouts of the service a route sends to, and a rate limit under the route's id. Neither the
 * service nor the limit has a configured route, which no longer stops the start.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.services.slow.connect-timeout=200ms",
        "gateway.services.slow.response-timeout=300ms",
        "gateway.services.slow.health-check.enabled=false",
        "gateway.rate-limit.routes.limited.replenish-rate=1",
        "gateway.rate-limit.routes.limited.burst-capacity=1"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RuntimeRouteSettingsTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> dataDir.toString());       // the routes added here
        registry.add("gateway.services.slow.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    final String admin = new TestTokens().valid().roles("admin").sign();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
    }

    @Test
    void addWhenServiceHasItsOwnResponseTimeoutThenTheRouteAnswers504AfterIt() {
        backend.stubFor(any(anyUrl()).willReturn(ok("late").withFixedDelay(2_000)));
        save("slow-pages", """
                {"uri": "lb://slow", "predicates": ["Path=/slow/**"], "metadata": {"auth": "public"}}""");

        client.get().uri("/slow/page").exchange()
                .expectStatus().isEqualTo(504)                      // gateway.backend's own timeout is 30 s
                .expectBody().jsonPath("$.error").isEqualTo("backend_timeout");
    }

    @Test
    void addWhenItsIdHasARateLimitThenTheLimitApplies() {
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        save("limited", """
                {"uri": "lb://backend", "predicates": ["Path=/limited/**"], "metadata": {"auth": "public"}}""");

        client.get().uri("/limited/1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "1")
                .expectBody(Void.class);
        client.get().uri("/limited/1").exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.error").isEqualTo("rate_limited");

        backend.verify(1, getRequestedFor(urlEqualTo("/limited/1")));
    }

    private void save(String id, String json) {
        client.post().uri("/actuator/gateway/routes/" + id).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);
    }
}
