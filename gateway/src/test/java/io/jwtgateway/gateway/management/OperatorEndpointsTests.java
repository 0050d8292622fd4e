package io.jwtgateway.gateway.management;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.testing.AccessLines;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * its probes are public and show a status only; every other endpoint needs an admin-role token, and each decision is
 * counted and logged under the route {@code /actuator}.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class OperatorEndpointsTests {

    static final String DECISIONS = "gateway_auth_decisions_total";

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

    final AccessLines accessLines = new AccessLines();

    @BeforeEach
    void keepAccessLines() {
        accessLines.attach();
    }

    @AfterEach
    void backendNeverReached() {
        accessLines.detach();
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
            "/actuator/env", "/actuator/metrics/", "/actuator/gateway/routes", "/actuator/gateway/routes/admin"})
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
    void gatewayRoutesWhenAdminTokenThenTheConfiguredRoutesListed() {
        String admin = tokens.valid().roles("admin").sign();

        client.get().uri("/actuator/gateway/routes").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].route_id").value(ids -> assertThat((List<String>) ids)
                        .contains("public", "authenticated", "streams", "admin"));
    }

    @Test
    void infoWhenAdminTokenThenServed() {
        String admin = tokens.valid().roles("admin").sign();

        client.get().uri("/actuator/info").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/env", "/actuator/heapdump", "/actuator"})
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

    // --- every decision counted and logged, as on a route; the scrape is an admin call, counted as allowed itself ---

    @Test
    void metricsWhenAnonymousThenMissingCountedAndLoggedUnderActuator() {
        PrometheusScrape before = scrape();

        client.get().uri("/actuator/metrics").header(RequestId.HEADER, "operator-missing-1").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        PrometheusScrape after = scrape();
        assertThat(decisions(before, after, "missing")).isEqualTo(1);
        assertThat(decisions(before, after, "allowed")).as("the second scrape").isEqualTo(1);
        assertThat(after.value(DECISIONS, "outcome", "missing") - before.value(DECISIONS, "outcome", "missing"))
                .as("under no other route").isEqualTo(1);
        assertThat(accessLines.of("operator-missing-1"))
                .contains(" path=/actuator/metrics route=/actuator status=401 ")
                .endsWith(" outcome=missing subject=-");
    }

    @Test
    void metricsWhenUserTokenThenForbiddenCountedAndLoggedWithTheSubject() {
        String user = tokens.valid().subject("carol").roles("user").sign();
        PrometheusScrape before = scrape();

        client.get().uri("/actuator/metrics").header(RequestId.HEADER, "operator-forbidden-1")
                .headers(h -> h.setBearerAuth(user)).exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        PrometheusScrape after = scrape();
        assertThat(decisions(before, after, "forbidden")).isEqualTo(1);
        assertThat(accessLines.of("operator-forbidden-1")).contains(" route=/actuator status=403 ")
                .endsWith(" outcome=forbidden subject=carol");
    }

    @Test
    void metricsWhenAdminTokenThenAllowedCountedAndLoggedWithTheSubject() {
        String admin = tokens.valid().subject("dave").roles("admin").sign();
        PrometheusScrape before = scrape();

        client.get().uri("/actuator/metrics").header(RequestId.HEADER, "operator-allowed-1")
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody();

        PrometheusScrape after = scrape();
        assertThat(decisions(before, after, "allowed")).as("the call and the second scrape").isEqualTo(2);
        assertThat(accessLines.of("operator-allowed-1")).contains(" route=/actuator status=200 ")
                .endsWith(" outcome=allowed subject=dave");
    }

    @Test
    void healthWhenAnonymousThenNoDecisionCountedOrLogged() {
        PrometheusScrape before = scrape();

        client.get().uri("/actuator/health").header(RequestId.HEADER, "operator-health-1").exchange()
                .expectStatus().isOk()
                .expectBody();

        PrometheusScrape after = scrape();
        assertThat(after.value(DECISIONS) - before.value(DECISIONS)).as("the second scrape only").isEqualTo(1);
        assertThat(accessLines.of("operator-health-1")).contains(" route=- status=200 ")
                .endsWith(" outcome=- subject=-");
    }

    @Test
    void metricsWhenPathPercentEncodedThenStillGuarded() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/%61ctuator/%6detrics", "");

        assertThat(response).startsWith("HTTP/1.1 401");
    }

    private PrometheusScrape scrape() {
        String admin = tokens.valid().subject("scraper").roles("admin").sign();
        return PrometheusScrape.of(client.mutate().defaultHeaders(h -> h.setBearerAuth(admin)).build());
    }

    private static double decisions(PrometheusScrape before, PrometheusScrape after, String outcome) {
        return after.value(DECISIONS, "route", "/actuator", "outcome", outcome)
                - before.value(DECISIONS, "route", "/actuator", "outcome", outcome);
    }
}
