package io.jwtgateway.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The access log as an operator reads it: one text line per request with every field, and never a token, an API key
 * or a client secret, even with DEBUG logging on for the gateway's code and the access logger. Each request's body is
 * read to its end: {@code expectBody(Void.class)} hangs up after the first buffer (Spring's {@code BodyExtractors}
 * cancels the rest), before a chunked response's last byte, which the log rightly calls 499.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "logging.level.io.jwtgateway=DEBUG",
        "logging.level.gateway.access=DEBUG"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(BufferLeaks.class)
class AccessLogTests {

    static final String API_KEY = "access-log-api-key-0123456789";
    static final String CLIENT_ID = "reports";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> Sha256.hex(API_KEY.getBytes(UTF_8)));
        registry.add("gateway.auth.api-keys[0].subject", () -> "reporting-service");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
        registry.add("gateway.auth.api-keys[0].client-id", () -> CLIENT_ID);
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
    void secretWhenAllowedThenOneLineWithEveryField(CapturedOutput output) {
        String token = tokens.valid().subject("alice").sign();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-allowed-1")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody();

        String line = accessLine(output, "log-allowed-1");
        assertThat(line).matches(".*time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z .*")
                .contains(" request_id=log-allowed-1 client=127.0.0.1 method=GET path=/api/v3/secret"
                        + " route=authenticated status=200 latency_ms=")
                .matches(".* latency_ms=\\d+\\.\\d{3} outcome=allowed subject=alice$");
    }

    @Test
    void secretWhenExpiredThenRefusalLoggedWithoutSubject(CapturedOutput output) {
        String token = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-expired-1")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody();

        assertThat(accessLine(output, "log-expired-1"))
                .contains(" status=401 ").endsWith(" outcome=expired subject=-");
    }

    @Test
    void adminWhenRoleMissingThenForbiddenLoggedWithTheVerifiedSubject(CapturedOutput output) {
        client.get().uri("/api/v3/admin").header(RequestId.HEADER, "log-forbidden-1")
                .headers(h -> h.setBearerAuth(tokens.valid().subject("bob").sign())).exchange()
                .expectStatus().isForbidden()
                .expectBody();

        assertThat(accessLine(output, "log-forbidden-1"))
                .contains(" route=admin status=403 ").endsWith(" outcome=forbidden subject=bob");
    }

    @Test
    void homeWhenQueryStringSentThenPathLoggedWithoutIt(CapturedOutput output) {
        client.get().uri("/api/v3/home?api_key=query-secret-4711&page=2").header(RequestId.HEADER, "log-query-1")
                .exchange()
                .expectStatus().isOk()
                .expectBody();

        assertThat(accessLine(output, "log-query-1")).contains(" path=/api/v3/home route=public ")
                .endsWith(" outcome=public subject=-");
        assertThat(output.getAll()).doesNotContain("query-secret-4711");
    }

    @Test
    void unknownPathWhenNotFoundThenLoggedWith404AndNoRoute(CapturedOutput output) {
        client.get().uri("/api/v3/nowhere").header(RequestId.HEADER, "log-404-1").exchange()
                .expectStatus().isNotFound()
                .expectBody();

        assertThat(accessLine(output, "log-404-1")).contains(" path=/api/v3/nowhere route=- status=404 ");
    }

    @Test
    void pathWhenFirewallRefusesThenLoggedWith400(CapturedOutput output) throws IOException {
        RawHttp.exchange(port, "GET", "/api/v3/public/../secret", "", RequestId.HEADER + ": log-firewall-1");

        assertThat(accessLine(output, "log-firewall-1")).contains(" status=400 ");
    }

    @Test
    void tokenEndpointWhenKeyAcceptedThenLoggedWithEndpointAndSubject(CapturedOutput output) {
        client.post().uri("/api/v3/auth").header(RequestId.HEADER, "log-auth-1").header("X-API-Key", API_KEY)
                .exchange()
                .expectStatus().isOk()
                .expectBody();

        assertThat(accessLine(output, "log-auth-1")).contains(" method=POST path=/api/v3/auth route=/api/v3/auth ")
                .endsWith(" outcome=allowed subject=reporting-service");
    }

    @Test
    void subjectWhenHoldingNewlineAndQuotesThenEscapedOnOneLine(CapturedOutput output) {
        String token = tokens.valid().subject("eve\nINFO forged=\"entry\"").sign();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-escape-1")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody();

        assertThat(accessLine(output, "log-escape-1")).endsWith(" subject=\"eve\\nINFO forged=\\\"entry\\\"\"");
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("INFO forged"));
    }

    @Test
    void requestsWhenCarryingTokensThenNoTokenInAnyLogLine(CapturedOutput output) {
        String header = tokens.valid().sign();
        String body = tokens.valid().subject("body-user").sign();
        String forged = tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!").sign();
        String expired = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-tokens-1")
                .headers(h -> h.setBearerAuth(header)).exchange().expectStatus().isOk()
                .expectBody();
        client.post().uri("/api/v3/secret").header(RequestId.HEADER, "log-tokens-2")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("token", body)).exchange()
                .expectStatus().isOk()
                .expectBody();
        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-tokens-3")
                .headers(h -> h.setBearerAuth(forged)).exchange().expectStatus().isUnauthorized()
                .expectBody();
        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "log-tokens-4")
                .headers(h -> h.setBearerAuth(expired)).exchange().expectStatus().isUnauthorized()
                .expectBody();

        accessLine(output, "log-tokens-4");
        for (String token : List.of(header, body, forged, expired)) {
            assertNoPartOf(output, token);
        }
    }

    @Test
    void tokenRequestsWhenCarryingKeysThenNoKeySecretOrIssuedTokenInAnyLogLine(CapturedOutput output) {
        String issued = client.post().uri("/api/v3/auth").header(RequestId.HEADER, "log-keys-1")
                .header("X-API-Key", API_KEY).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data").toString();
        client.post().uri("/api/v3/auth").header(RequestId.HEADER, "log-keys-2")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("api-key", "wrong-key-in-body-31337"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody();
        client.post().uri("/oauth2/token").header(RequestId.HEADER, "log-keys-3")
                .headers(h -> h.setBasicAuth(CLIENT_ID, API_KEY))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isOk()
                .expectBody();
        client.post().uri("/oauth2/token").header(RequestId.HEADER, "log-keys-4")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + CLIENT_ID
                        + "&client_secret=wrong-secret-in-form-8086")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody();

        assertThat(accessLine(output, "log-keys-2")).endsWith(" outcome=invalid_api_key subject=-");
        assertThat(accessLine(output, "log-keys-4")).contains(" route=/oauth2/token ")
                .endsWith(" outcome=invalid_api_key subject=-");
        String all = output.getAll();
        assertThat(all).doesNotContain(API_KEY).doesNotContain("wrong-key-in-body-31337")
                .doesNotContain("wrong-secret-in-form-8086");
        String token = issued.replaceAll(".*token=([^,}]+).*", "$1");
        assertNoPartOf(output, token);
    }

    /** The access line of one request, waited for: it is written as the response completes. */
    static String accessLine(CapturedOutput output, String requestId) {
        String marker = " request_id=" + requestId + " ";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll().lines().anyMatch(line -> line.contains(marker)));
        List<String> lines = output.getAll().lines().filter(line -> line.contains(marker)).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("time=");          // standard output: the line alone, no log prefix
        return lines.get(0);
    }

    /** Neither the token nor its signature or payload, which identify it as well. */
    private static void assertNoPartOf(CapturedOutput output, String token) {
        String[] segments = token.split("\\.");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(segments[1]).doesNotContain(segments[2]);
    }
}
