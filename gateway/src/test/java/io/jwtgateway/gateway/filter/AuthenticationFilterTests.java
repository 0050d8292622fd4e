package io.jwtgateway.gateway.filter;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class AuthenticationFilterTests {

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

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void homeWhenNoTokenThenForwardedWithoutIdentity() {
        client.get().uri("/api/v3/home").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        assertThat(identityHeadersReceived()).isEmpty();
    }

    @Test
    void publicRouteWhenClientSendsIdentityHeadersThenBackendReceivesNone() {
        client.get().uri("/api/v3/public/whoami")
                .header("X-Auth-Subject", "mallory")
                .header("x-auth-roles", "admin")
                .header("X_Auth_Subject", "mallory")
                .header("X-AUTH-TOKEN-ID", "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(identityHeadersReceived()).isEmpty();
    }

    @Test
    void secretWhenNoTokenThenUnauthorizedWithPlainChallengeAndBackendUntouched() {
        client.get().uri("/api/v3/secret").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("Authentication required")
                .jsonPath("$.error").doesNotExist();

        assertBackendUntouched();
    }

    @Test
    void secretWhenTokenValidThenForwardedWithVerifiedClaimsAndWithoutAuthorization() {
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(2));
        String token = tokens.valid().subject("alice").roles("user", "auditor").claim("jti", "token-42")
                .claim("client_id", "reports").expiresAt(expiresAt).sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("alice");
        assertThat(received.getHeader("X-Auth-Roles")).isEqualTo("user,auditor");
        assertThat(received.getHeader("X-Auth-Token-Id")).isEqualTo("token-42");
        assertThat(received.getHeader("X-Auth-Client-Id")).isEqualTo("reports");
        assertThat(received.getHeader("X-Auth-Expires-At")).isEqualTo(Long.toString(expiresAt.getEpochSecond()));
        assertThat(received.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void secretWhenSchemeIsLowerCaseThenAccepted() {
        String token = tokens.valid().sign();

        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void secretWhenSpoofedIdentityBesideValidTokenThenOnlyVerifiedClaimsReachBackend() {
        String token = tokens.valid().subject("alice").roles("user").claim("jti", "token-7").sign();

        client.get().uri("/api/v3/secret")
                .headers(h -> h.setBearerAuth(token))
                .header("X-Auth-Subject", "mallory")
                .header("X_Auth_Roles", "admin")
                .header("x-auth-extra", "forged")
                .header("X-Auth-Client-Id", "billing")
                .header("X-Auth-Assertion", "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(onlyRequest().header("X-Auth-Assertion").values()).singleElement()
                .asString().startsWith("eyJ");                     // the gateway's own, signed for the service
        assertThat(identityHeadersReceived()).containsExactlyInAnyOrder(
                "x-auth-subject: alice", "x-auth-roles: user", "x-auth-token-id: token-7",
                "x-auth-issuer: " + TestTokens.ISSUER,
                "x-auth-expires-at: " + onlyRequest().getHeader("X-Auth-Expires-At"),
                "x-auth-assertion: " + onlyRequest().getHeader("X-Auth-Assertion"));
    }

    @Test
    void secretWhenConnectionHeaderNamesIdentityHeadersThenBackendStillReceivesThem() throws IOException {
        String token = tokens.valid().subject("alice").sign();

        String response = rawGet("/api/v3/secret", "Authorization: Bearer " + token,
                "Connection: keep-alive, X-Auth-Subject, x-auth-roles, X_Auth_Token_Id");

        assertThat(response).startsWith("HTTP/1.1 200");
        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("alice");
        assertThat(received.getHeader("X-Auth-Roles")).isEqualTo("user");
        assertThat(received.containsHeader("X-Auth-Token-Id")).isTrue();
    }

    @Test
    void secretWhenClaimsHoldControlCommaAndNonAsciiThenForwardedPercentEncoded() {
        String token = tokens.valid().subject("alice\r\nX-Evil: 1").roles("a,b", "ünï").sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        LoggedRequest received = onlyRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("alice%0D%0AX-Evil:%201");
        assertThat(received.getHeader("X-Auth-Roles")).isEqualTo("a%2Cb,%C3%BCn%C3%AF");
        assertThat(received.containsHeader("X-Evil")).isFalse();
    }

    @Test
    void secretWhenTokenExpiredThenInvalidTokenSaysExpiredAndBackendUntouched() {
        String expired = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(expired)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\", "
                        + "error=\"invalid_token\", error_description=\"The token has expired\"")
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_token")
                .jsonPath("$.detail").isEqualTo("The token has expired");

        assertBackendUntouched();
    }

    @Test
    void secretWhenTokenSignedWithAnotherKeyThenInvalidSignature() {
        String forged = tokens.valid().signedWith("another-secret-that-is-also-32-bytes-long").sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""))
                .expectBody().jsonPath("$.detail").isEqualTo("The token signature is invalid");

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS384", "HS512", "hs256", "RS256"})
    void secretWhenAlgorithmIsNotHs256ThenInvalidToken(String alg) {
        String token = tokens.valid().algorithm(alg).sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""))
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void adminWhenTokenLacksAdminRoleThenInsufficientScope() {
        String token = tokens.valid().roles("user").sign();

        client.get().uri("/api/v3/admin").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\", "
                        + "error=\"insufficient_scope\", error_description=\"Requires the admin role\"")
                .expectBody().jsonPath("$.error").isEqualTo("insufficient_scope");

        assertBackendUntouched();
    }

    @Test
    void adminSubpathWhenTokenLacksAdminRoleThenInsufficientScope() {
        String token = tokens.valid().roles("user").sign();

        client.get().uri("/api/v3/admin/users").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void adminWhenTokenHasAdminRoleThenForwarded() {
        String token = tokens.valid().roles("user", "admin").sign();

        client.get().uri("/api/v3/admin").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(onlyRequest().getHeader("X-Auth-Roles")).isEqualTo("user,admin");
    }

    @Test
    void secretWhenTokenInJsonBodyThenForwardedWithBodyUnchanged() {
        String body = "{\"token\": \"" + tokens.valid().subject("bob").sign() + "\", \"payload\": [1, 2, 3]}";

        client.post().uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        LoggedRequest received = onlyRequest();
        assertThat(received.getBodyAsString()).isEqualTo(body);
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("bob");
    }

    @Test
    void secretWhenGetCarriesJsonBodyTokenThenAccepted() {
        String body = "{\"token\":\"" + tokens.valid().sign() + "\"}";

        client.method(HttpMethod.GET).uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(onlyRequest().getBodyAsString()).isEqualTo(body);
    }

    @Test
    void secretWhenJsonBodyHasNoTokenThenMissingToken() {
        client.post().uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void adminWhenHeaderTokenLacksRoleAndBodyTokenHasItThenHeaderDecides() {
        String header = tokens.valid().roles("user").sign();
        String body = "{\"token\":\"" + tokens.valid().roles("admin").sign() + "\"}";

        client.post().uri("/api/v3/admin").headers(h -> h.setBearerAuth(header))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void secretWhenHeaderTokenExpiredAndBodyTokenValidThenRefused() {
        String header = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();
        String body = "{\"token\":\"" + tokens.valid().sign() + "\"}";

        client.post().uri("/api/v3/secret").headers(h -> h.setBearerAuth(header))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"token\": 42}", "{\"token\": null}", "{\"token\": \"\"}",
            "{\"token\":\"a\",\"token\":\"b\"}",
            "{\"token\":\"a\"}}{", "{\"token\":"})
    void secretWhenJsonBodyTokenIsMalformedThenInvalidRequest(String body) {
        client.post().uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_request\""))
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json; charset=x-bogus", "application/json; charset=\"",
            "*/*", "application/*", "text/json", "text/plain"})
    void secretWhenBodyTokenSentWithoutJsonContentTypeThenMissingToken(String contentType) throws IOException {
        String body = "{\"token\":\"" + tokens.valid().sign() + "\"}";

        String response = RawHttp.exchange(port, "POST", "/api/v3/secret", body, "Content-Type: " + contentType);

        assertThat(response).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Bearer realm=\"jwt-gateway\"\r\n");
        assertBackendUntouched();
    }

    @Test
    void secretWhenBodyTokenSentAsVendorJsonThenAccepted() {
        String body = "{\"token\":\"" + tokens.valid().sign() + "\"}";

        client.post().uri("/api/v3/secret").header(HttpHeaders.CONTENT_TYPE, "application/vnd.api+json; charset=utf-8")
                .bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void homeWhenWebSocketUpgradeRequestedThenUpgradedAsAWebSocket() throws IOException {
        String response = rawGet("/api/v3/home", "Connection: Upgrade", "Upgrade: websocket",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");

        // WebSocket routing is on (stream.TokenBoundConnectionsTests proxies real sessions): RFC 6455 §4.2.2
        assertThat(response).startsWith("HTTP/1.1 101").contains("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        // SCG answers 101 before it dials the backend: wait for that upgrade here, or it lands in the next test
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(onlyRequest().getHeader("Upgrade"))
                .isEqualToIgnoringCase("websocket"));
    }

    @Test
    void secretWhenJsonBodyOver16KiBWithoutHeaderThenInvalidRequest() {
        String body = "{\"token\":\"" + tokens.valid().sign() + "\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";

        client.post().uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void secretWhenLargeBodyAndHeaderTokenThenBodyForwardedUnread() {
        String body = "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";

        client.post().uri("/api/v3/secret").headers(h -> h.setBearerAuth(tokens.valid().sign()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(onlyRequest().getBodyAsString()).isEqualTo(body);
    }

    @Test
    void secretWhenBasicCredentialsThenUnauthorizedWithPlainBearerChallenge() {
        client.get().uri("/api/v3/secret").headers(h -> h.setBasicAuth("user", "password")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer   ", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "Bearer a b",
            "Bearer a,b"})
    void secretWhenAuthorizationIsMalformedThenInvalidRequest(String authorization) {
        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_request\""))
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void secretWhenTwoAuthorizationHeadersThenInvalidRequest() {
        client.get().uri("/api/v3/secret")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.valid().sign(),
                        "Bearer " + tokens.valid().roles("admin").sign())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void secretWhenTokenIsGarbageThenMalformed() {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth("not-a-jwt")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The token is malformed");

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v3/public/../secret", "/api/v3/public/%2e%2e/secret", "/api/v3/public/%2E%2E/secret",
            "/api/v3/public/..%2fsecret", "/api/v3/public/..%2Fsecret", "/api/v3/home;/../secret",
            "/api/v3/public;x=1/../secret", "//api/v3/secret", "/api/v3/public//..//secret",
            "/api/v3/public/.%2e/secret", "/api/v3/public/%252e%252e/secret", "/api/v3/public/..%5csecret",
            "/api/v3/public/./../secret"})
    void pathWhenNotInNormalFormThenBadRequestAndBackendUntouched(String path) throws IOException {
        String response = rawGet(path);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("\"status\":400");
        assertBackendUntouched();
    }

    @Test
    void unknownPathWhenCalledThenNotFoundAndBackendUntouched() {
        client.get().uri("/api/v3/unknown").headers(h -> h.setBearerAuth(tokens.valid().roles("admin").sign()))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/env", "/actuator/configprops", "/actuator/beans",
            "/actuator/gateway/routes", "/actuator/heapdump"})
    void actuatorWhenAnythingButHealthThenRefusedWithoutAdminToken(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isUnauthorized()       // management.OperatorEndpointGuard; an admin gets 404
                .expectBody(Void.class);

        assertBackendUntouched();
    }

    @Test
    void healthWhenAnonymousThenUpWithoutDetails() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @Nested
    @TestPropertySource(properties = "gateway.auth.forward-token=true")
    class WhenForwardTokenEnabled {

        @Autowired
        WebTestClient client;

        @Test
        void secretWhenTokenValidThenBackendReceivesAuthorizationBesideClaims() {
            String token = tokens.valid().subject("alice").sign();

            client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk()
                    .expectBody(Void.class);

            LoggedRequest received = onlyRequest();
            assertThat(received.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
            assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("alice");
        }
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private List<String> identityHeadersReceived() {
        return onlyRequest().getHeaders().all().stream()
                .filter(header -> header.key().toLowerCase(Locale.ROOT).replace('_', '-').startsWith("x-auth"))
                .map(AuthenticationFilterTests::lowerCased)
                .toList();
    }

    private static String lowerCased(HttpHeader header) {
        return header.key().toLowerCase(Locale.ROOT) + ": " + header.firstValue();
    }

    private static void assertBackendUntouched() {
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    private String rawGet(String path, String... headers) throws IOException {
        return RawHttp.exchange(port, "GET", path, "", headers);
    }
}
