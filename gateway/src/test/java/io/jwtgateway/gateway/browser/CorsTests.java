package io.jwtgateway.gateway.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.testing.AccessLines;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.RestartableBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * for, and never sent to a backend; another origin refused with a problem detail, counted and logged as
 * {@code cors_origin}; refusals readable by the page.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger",
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
    static final String EVIL = "https://evil.example.net";
    static final String DECISIONS = "gateway_auth_decisions_total";

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

    final AccessLines accessLines = new AccessLines();

    @BeforeEach
    void resetBackend() {
        backend.reset();
        accessLines.attach();
    }

    @AfterEach
    void releaseAccessLines() {
        accessLines.detach();
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
    void preflightWhenOriginNotAllowedThenCountedAndLoggedAsCorsOrigin() {
        PrometheusScrape before = scrape();

        client.options().uri("/api/v3/secret").header(RequestId.HEADER, "cors-preflight-1")
                .header(HttpHeaders.ORIGIN, EVIL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "route", "cors", "outcome", "cors_origin")).isEqualTo(1);
        assertThat(accessLines.of("cors-preflight-1"))
                .contains(" method=OPTIONS path=/api/v3/secret route=cors status=403 ")
                .endsWith(" outcome=cors_origin subject=-");
    }

    @Test
    void getWhenOriginNotAllowedThenRefusedBeforeItsTokenCountedAndLoggedAsCorsOrigin() {
        PrometheusScrape before = scrape();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "cors-get-1").header(HttpHeaders.ORIGIN, EVIL)
                .headers(h -> h.setBearerAuth(new TestTokens().valid().sign()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().jsonPath("$.error").isEqualTo("cors_origin");

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "route", "cors", "outcome", "cors_origin")).isEqualTo(1);
        assertThat(delta(before, after, "route", "authenticated")).as("the token never looked at").isZero();
        assertThat(accessLines.of("cors-get-1")).contains(" route=cors status=403 ")
                .endsWith(" outcome=cors_origin subject=-");
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

    /** A scrape of the main port's metrics, an admin call of its own, counted under /actuator. */
    private PrometheusScrape scrape() {
        String admin = new TestTokens().valid().roles("admin").sign();
        return PrometheusScrape.of(client.mutate().defaultHeaders(h -> h.setBearerAuth(admin)).build());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String... labels) {
        return after.value(DECISIONS, labels) - before.value(DECISIONS, labels);
    }

    private WebTestClient.ResponseSpec preflight(String path, String origin, String method) {
        return client.options().uri(path)
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .exchange();
    }
}
