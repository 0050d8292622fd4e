package io.jwtgateway.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ch.qos.logback.classic.LoggerContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real requests through the gateway, then a scrape of {@code /actuator/prometheus}: each authentication outcome adds
 * one to {@code gateway_auth_decisions_total} under its route and outcome, and nowhere else.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT,             // the production setup: metrics on the management port
        properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET, "management.server.port=0"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class AuthDecisionsMetricsTests {

    static final String API_KEY = "metrics-api-key-0123456789";
    static final String CLIENT_ID = "reports";
    static final String TRUSTED = "https://idp.example";
    static final String BROKEN = "https://broken.example";
    static final String DECISIONS = "gateway_auth_decisions_total";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final WireMockServer idp = new WireMockServer(wireMockConfig().dynamicPort());

    static final TestTokens tokens = new TestTokens();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        idp.start();
        idp.stubFor(get("/jwks.json").willReturn(okJson(oneKeyJwks())));
        idp.stubFor(get("/broken.json").willReturn(serverError()));
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> Sha256.hex(API_KEY.getBytes(UTF_8)));
        registry.add("gateway.auth.api-keys[0].subject", () -> "reporting-service");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
        registry.add("gateway.auth.api-keys[0].client-id", () -> CLIENT_ID);
        registry.add("gateway.auth.trusted-issuers[0].issuer", () -> TRUSTED);
        registry.add("gateway.auth.trusted-issuers[0].jwks-uri", () -> idp.baseUrl() + "/jwks.json");
        registry.add("gateway.auth.trusted-issuers[0].audiences", () -> TestTokens.AUDIENCE);
        registry.add("gateway.auth.trusted-issuers[1].issuer", () -> BROKEN);
        registry.add("gateway.auth.trusted-issuers[1].jwks-uri", () -> idp.baseUrl() + "/broken.json");
        registry.add("gateway.auth.trusted-issuers[1].audiences", () -> TestTokens.AUDIENCE);
    }

    @AfterAll
    static void stopServers() {
        backend.stop();
        idp.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    List<GlobalFilter> gatewayFilters;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void stubBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    static Stream<Arguments> routedRequests() {
        Instant now = Instant.now();
        return Stream.of(
                routed("/api/v3/home", "public", AuthOutcome.PUBLIC, request -> {}),
                routed("/api/v3/secret", "authenticated", AuthOutcome.MISSING, request -> {}),
                routed("/api/v3/secret", "authenticated", AuthOutcome.ALLOWED, bearer(tokens.valid().sign())),
                routed("/api/v3/admin", "admin", AuthOutcome.ALLOWED,
                        bearer(tokens.valid().roles("user", "admin").sign())),
                routed("/api/v3/admin", "admin", AuthOutcome.FORBIDDEN, bearer(tokens.valid().sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.EXPIRED,
                        bearer(tokens.valid().expiresAt(now.minus(Duration.ofMinutes(5))).sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.NOT_YET_VALID,
                        bearer(tokens.valid().notBefore(now.plus(Duration.ofMinutes(5))).sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.INVALID_SIGNATURE,
                        bearer(tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.MALFORMED, bearer("not-a-token")),
                routed("/api/v3/secret", "authenticated", AuthOutcome.WRONG_ISSUER,
                        bearer(tokens.valid().claim("iss", "https://unknown.example").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.WRONG_AUDIENCE,
                        bearer(tokens.valid().claim("aud", List.of("other-backends")).sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.WRONG_ALGORITHM,
                        bearer(tokens.valid().algorithm("HS384").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.INVALID_HEADER,
                        bearer(tokens.valid().header("typ", "at+jwt").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.UNKNOWN_KEY,
                        bearer(tokens.valid().header("kid", "no-such-key").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.INVALID_CLAIMS,
                        bearer(tokens.valid().without("jti").sign())),
                routed("/api/v3/secret", "authenticated", AuthOutcome.INVALID_REQUEST,
                        request -> request.header(HttpHeaders.AUTHORIZATION, "Bearer")));
    }

    @ParameterizedTest(name = "{0} on route {1}: {2}")
    @MethodSource("routedRequests")
    void requestWhenDecidedThenOneMoreDecisionUnderItsRouteAndOutcomeOnly(
            String path, String route, AuthOutcome outcome, Consumer<WebTestClient.RequestHeadersSpec<?>> request) {
        PrometheusScrape before = PrometheusScrape.of(management());

        WebTestClient.RequestHeadersSpec<?> spec = client.get().uri(path);
        request.accept(spec);
        spec.exchange().expectBody().returnResult();

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", route, "outcome", outcome.tag())).isEqualTo(1);
        assertThat(delta(before, after, DECISIONS)).isEqualTo(1);
    }

    @Test
    void secretWhenTokenRevokedThenRevokedOutcome() {
        String token = tokens.valid().sign();
        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        PrometheusScrape before = PrometheusScrape.of(management());

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "authenticated", "outcome", "revoked")).isEqualTo(1);
        assertThat(after.value(DECISIONS, "route", "/api/v3/auth/revoke", "outcome", "allowed")).isPositive();
    }

    @Test
    void authWhenApiKeyValidThenAllowedAndOneTokenIssuedByApiKey() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange().expectStatus().isOk()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/api/v3/auth", "outcome", "allowed")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_tokens_issued_total", "grant", "api_key")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_api_key_failures_total")).isZero();
    }

    @Test
    void authWhenApiKeyUnknownThenInvalidApiKeyAndOneKeyFailure() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/api/v3/auth").header("X-API-Key", "not-a-configured-key").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/api/v3/auth", "outcome", "invalid_api_key"))
                .isEqualTo(1);
        assertThat(delta(before, after, "gateway_api_key_failures_total", "grant", "api_key", "reason", "unknown"))
                .isEqualTo(1);
        assertThat(delta(before, after, "gateway_tokens_issued_total")).isZero();
    }

    @Test
    void authWhenNoApiKeyThenMissingAndNoKeyFailure() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/api/v3/auth").exchange().expectStatus().isBadRequest().expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/api/v3/auth", "outcome", "missing")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_api_key_failures_total")).isZero();
    }

    @Test
    void oauthTokenWhenClientCredentialsValidThenOneTokenIssuedByClientCredentials() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(CLIENT_ID, API_KEY))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange().expectStatus().isOk()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/oauth2/token", "outcome", "allowed")).isEqualTo(1);
        assertThat(delta(before, after, "gateway_tokens_issued_total", "grant", "client_credentials")).isEqualTo(1);
    }

    @Test
    void oauthTokenWhenClientSecretWrongThenOneKeyFailureByClientCredentials() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(CLIENT_ID, "wrong-secret"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange().expectStatus().isUnauthorized()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/oauth2/token", "outcome", "invalid_api_key"))
                .isEqualTo(1);
        assertThat(delta(before, after, "gateway_api_key_failures_total", "grant", "client_credentials", "reason",
                "unknown")).isEqualTo(1);
    }

    @Test
    void introspectWhenCallerNotAdminThenForbiddenUnderTheEndpoint() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.post().uri("/oauth2/introspect").headers(h -> h.setBearerAuth(tokens.valid().sign()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=x")
                .exchange().expectStatus().isForbidden()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, DECISIONS, "route", "/oauth2/introspect", "outcome", "forbidden"))
                .isEqualTo(1);
    }

    @Test
    void secretWhenSameTokenTwiceThenOneMissAndOneCacheHitTimedAndCounted() {
        String token = tokens.valid().sign();
        PrometheusScrape before = PrometheusScrape.of(management());

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Void.class);
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        String timer = "gateway_token_verification_seconds_count";
        assertThat(delta(before, after, timer, "cache", "miss", "result", "valid")).isEqualTo(1);
        assertThat(delta(before, after, timer, "cache", "hit", "result", "valid")).isEqualTo(1);
        assertThat(delta(before, after, "cache_gets_total", "cache", "verified_tokens", "result", "hit"))
                .isEqualTo(1);
        assertThat(delta(before, after, "cache_gets_total", "cache", "verified_tokens", "result", "miss"))
                .isEqualTo(1);
    }

    @Test
    void startWhenTrustedIssuersConfiguredThenEachJwksFetchCountedByIssuerAndResult() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(management());
            assertThat(scrape.value("gateway_jwks_fetches_total", "issuer", TRUSTED, "result", "success"))
                    .isPositive();
            assertThat(scrape.value("gateway_jwks_fetches_total", "issuer", BROKEN, "result", "failure"))
                    .isPositive();
        });
    }

    @Test
    void homeWhenRoutedThenSpringCloudGatewayRouteMetricCounts() {
        PrometheusScrape before = PrometheusScrape.of(management());

        client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, "spring_cloud_gateway_requests_seconds_count", "routeId", "public"))
                .isEqualTo(1);
    }

    @Test
    void routeMetricWhenResponsesEndInTwoStatusesThenEachCountedUnderItsOwnTags() {
        String token = tokens.valid().sign();
        backend.stubFor(get("/api/v3/whoami").willReturn(aResponse().withStatus(404)));
        PrometheusScrape before = PrometheusScrape.of(management());

        for (int i = 0; i < 2; i++) {
            client.get().uri("/api/v3/whoami").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isNotFound().expectBody(Void.class);
        }
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Void.class);

        PrometheusScrape after = PrometheusScrape.of(management());
        String[] notFound = {"routeId", "authenticated", "routeUri", "lb://backend", "httpMethod", "GET",
                "httpStatusCode", "404", "status", "NOT_FOUND", "outcome", "CLIENT_ERROR"};
        String[] served = {"routeId", "authenticated", "routeUri", "lb://backend", "httpMethod", "GET",
                "httpStatusCode", "200", "status", "OK", "outcome", "SUCCESSFUL"};
        assertThat(delta(before, after, "spring_cloud_gateway_requests_seconds_count", notFound)).isEqualTo(2);
        assertThat(delta(before, after, "spring_cloud_gateway_requests_seconds_count", served)).isEqualTo(1);
        assertThat(gatewayFilters).anyMatch(RouteMetrics.class::isInstance)
                .noneMatch(filter -> filter.getClass() == GatewayMetricsFilter.class);
    }

    @Test
    void logEventsWhenAWarningIsLoggedThenCountedWithoutATurboFilter() {
        PrometheusScrape before = PrometheusScrape.of(management());

        LoggerFactory.getLogger("gateway.test").warn("a warning for the logback.events count");

        PrometheusScrape after = PrometheusScrape.of(management());
        assertThat(delta(before, after, "logback_events_total", "level", "warn")).isEqualTo(1);
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(logback.getTurboFilterList()).as("no filter asked on every isDebugEnabled()").isEmpty();
    }

    @Test
    void scrapeWhenTokensWereUsedThenNoSubjectOrTokenInAnyMetric() {
        String token = tokens.valid().subject("subject-that-must-not-be-a-tag").sign();
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(Void.class);

        String scrape = PrometheusScrape.of(management()).text();

        assertThat(scrape).doesNotContain("subject-that-must-not-be-a-tag").doesNotContain(token.split("\\.")[1]);
    }

    /** A JWKS with one public EC key; an empty key set would be refused as malformed. */
    private static String oneKeyJwks() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            Map<String, ?> jwk = new TreeMap<>(Jwks.builder().key((ECPublicKey) generator.generateKeyPair().getPublic())
                    .idFromThumbprint().build());
            return JsonMapper.builder().build().writeValueAsString(Map.of("keys", List.of(jwk)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments routed(String path, String route, AuthOutcome outcome,
            Consumer<WebTestClient.RequestHeadersSpec<?>> request) {
        return Arguments.of(path, route, outcome, request);
    }

    private static Consumer<WebTestClient.RequestHeadersSpec<?>> bearer(String token) {
        return request -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }
}
