package io.jwtgateway.gateway.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tokens in a cookie: set by the token endpoint, read on every route, taken off the backend request, cleared by
 * logout; and the CSRF defence, which admits a cookie token's unsafe request only from the gateway's own origin or an
 * allowed CORS origin.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger",
        "gateway.auth.api-keys[0].sha256=" + CookieTokenTests.API_KEY_SHA256,
        "gateway.auth.api-keys[0].subject=browser-app",
        "gateway.auth.cookie.name=" + CookieTokenTests.COOKIE,
        "gateway.auth.cookie.set-on-issue=true",
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-origins="
                + CookieTokenTests.APP,
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-methods=GET,POST",
        "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allow-credentials=true"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class CookieTokenTests {

    static final String COOKIE = "gw_token";
    static final String APP = "https://app.example.com";
    static final String API_KEY = "cookie-test-api-key";
    static final String API_KEY_SHA256 = "0211510479b052603d95151d75ced1f4f7d6d8058e0e9a82e7c912f7e9b4039d";
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

    @LocalServerPort
    int port;

    final String token = new TestTokens().valid().sign();

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
    void tokenEndpointWhenSetOnIssueThenHttpOnlySecureStrictCookieForTheTokensLifetime() {
        Map<String, Object> body = client.post().uri("/api/v3/auth")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("api-key", API_KEY))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie.toLowerCase())
                        .startsWith(COOKIE + "=ey")
                        .contains("; path=/", "; max-age=180", "; secure", "; httponly", "; samesite=strict"))
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();

        assertThat(body).containsKey("data");                    // the seed's JSON answer is unchanged
    }

    @Test
    void getWhenTokenInCookieThenAdmittedAndOnlyTheOtherCookiesReachTheBackend() {
        client.get().uri("/api/v3/secret")
                .header(HttpHeaders.COOKIE, "theme=dark; " + COOKIE + "=" + token + "; lang=en")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        backend.server().verify(getRequestedFor(urlPathEqualTo("/api/v3/secret"))
                .withHeader("X-Auth-Subject", equalTo("alice"))
                .withHeader(HttpHeaders.COOKIE, equalTo("theme=dark; lang=en")));
    }

    @Test
    void getWhenOnlyTheTokenCookieThenNoCookieHeaderReachesTheBackend() {
        client.get().uri("/api/v3/secret").cookie(COOKIE, token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        backend.server().verify(getRequestedFor(urlPathEqualTo("/api/v3/secret"))
                .withHeader(HttpHeaders.COOKIE, absent()));
    }

    @Test
    void getWhenCookieTokenExpiredThenUnauthorizedAsABearerTokenWouldBe() {
        String expired = new TestTokens().valid().expiresAt(Instant.now().minusSeconds(300)).sign();

        client.get().uri("/api/v3/secret").cookie(COOKIE, expired)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value)
                        .contains("error=\"invalid_token\""))
                .expectBody(Void.class);

        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void postWhenCookieTokenWithoutOriginOrRefererThenForbiddenAsCrossSiteAndBackendUntouched() {
        Map<String, Object> problem = client.post().uri("/api/v3/secret").cookie(COOKIE, token)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();

        assertThat(problem).containsEntry("error", "invalid_request");
        assertThat((String) problem.get("detail")).contains("Origin");
        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void postWhenCookieTokenFromAnotherSiteThenForbiddenAndBackendUntouched() {
        for (String origin : List.of("https://evil.example.net", "null")) {
            client.post().uri("/api/v3/secret").cookie(COOKIE, token).header(HttpHeaders.ORIGIN, origin)
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectBody(Void.class);
        }
        client.post().uri("/api/v3/secret").cookie(COOKIE, token)
                .header(HttpHeaders.REFERER, "https://evil.example.net/form.html")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void postWhenCookieTokenFromAnOriginCorsRefusesThenCountedAndLoggedAsCorsOrigin() {
        PrometheusScrape before = scrape();

        client.post().uri("/api/v3/secret").cookie(COOKIE, token).header(RequestId.HEADER, "cookie-cors-1")
                .header(HttpHeaders.ORIGIN, "https://evil.example.net")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("cors_origin");

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "route", "cors", "outcome", "cors_origin")).isEqualTo(1);
        assertThat(accessLines.of("cookie-cors-1")).contains(" route=cors status=403 ")
                .endsWith(" outcome=cors_origin subject=-");
        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void postWhenCookieTokenWithAnotherSitesRefererThenCountedAndLoggedAsCrossSite() {
        PrometheusScrape before = scrape();

        client.post().uri("/api/v3/secret").cookie(COOKIE, token).header(RequestId.HEADER, "cookie-cross-site-1")
                .header(HttpHeaders.REFERER, "https://evil.example.net/form.html")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "route", "authenticated", "outcome", "cross_site")).isEqualTo(1);
        assertThat(delta(before, after, "route", "cors")).as("not a CORS request: no Origin").isZero();
        assertThat(accessLines.of("cookie-cross-site-1")).contains(" route=authenticated status=403 ")
                .endsWith(" outcome=cross_site subject=-");
        backend.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void postWhenCookieTokenFromAnAllowedCorsOriginThenAdmitted() {
        client.post().uri("/api/v3/secret").cookie(COOKIE, token).header(HttpHeaders.ORIGIN, APP)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectBody(Void.class);

        backend.server().verify(postRequestedFor(urlPathEqualTo("/api/v3/secret")));
    }

    @Test
    void postWhenCookieTokenFromTheGatewaysOwnOriginThenAdmitted() {
        client.post().uri("/api/v3/secret").cookie(COOKIE, token)
                .header(HttpHeaders.ORIGIN, "http://localhost:" + port)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        client.put().uri("/api/v3/secret").cookie(COOKIE, token)
                .header(HttpHeaders.REFERER, "http://localhost:" + port + "/playground/index.html")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void postWhenAuthorizationHeaderThenNoOriginIsAskedForAndTheCookieIsIgnored() {
        client.post().uri("/api/v3/secret")
                .headers(headers -> headers.setBearerAuth(token))
                .cookie(COOKIE, "not-a-token")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void logoutWhenCookieTokenThenRevokedAndTheCookieCleared(CapturedOutput output) {
        String issued = new TestTokens().valid().sign();

        client.post().uri("/api/v3/auth/revoke").cookie(COOKIE, issued)
                .header(HttpHeaders.ORIGIN, APP)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie.toLowerCase())
                        .startsWith(COOKIE + "=;").contains("max-age=0", "httponly", "path=/"))
                .expectBody(Void.class);

        client.get().uri("/api/v3/secret").cookie(COOKIE, issued)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
        assertThat(output.getAll()).doesNotContain(issued);
    }

    @Test
    void logoutWhenCookieTokenFromAnotherSiteThenForbiddenAndNotRevoked() {
        String issued = new TestTokens().valid().sign();

        client.post().uri("/api/v3/auth/revoke").cookie(COOKIE, issued)
                .header(HttpHeaders.ORIGIN, "https://evil.example.net")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody(Void.class);

        client.get().uri("/api/v3/secret").cookie(COOKIE, issued)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    /** A scrape of the main port's metrics, an admin call of its own, counted under /actuator. */
    private PrometheusScrape scrape() {
        String admin = new TestTokens().valid().roles("admin").sign();
        return PrometheusScrape.of(client.mutate().defaultHeaders(h -> h.setBearerAuth(admin)).build());
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String... labels) {
        return after.value(DECISIONS, labels) - before.value(DECISIONS, labels);
    }
}
