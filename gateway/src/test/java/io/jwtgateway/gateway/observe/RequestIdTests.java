package io.jwtgateway.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code X-Request-Id} over real HTTP: kept when well-formed, generated otherwise, forwarded to the backend, echoed on
 * every response and written into error bodies. The header limit is raised so a 10 KiB id reaches the gateway's own
 * check rather than the server's.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "server.max-http-request-header-size=64KB"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RequestIdTests {

    static final String HEADER = RequestId.HEADER;
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

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
    void homeWhenNoRequestIdThenGeneratedEchoedAndForwarded() {
        String echoed = client.get().uri("/api/v3/home").exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst(HEADER);

        assertThat(echoed).matches(UUID);
        assertThat(backendReceived()).containsExactly(echoed);
    }

    @Test
    void homeWhenIdWellFormedThenKeptEchoedAndForwarded() {
        String id = "client-7f3a_2025.01:retry-2";

        client.get().uri("/api/v3/home").header(HEADER, id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HEADER, id)
                .expectBody(Void.class);

        assertThat(backendReceived()).containsExactly(id);
    }

    @Test
    void homeWhenConnectionNamesRequestIdThenBackendStillReceivesIt() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/home", "", HEADER + ": client-9",
                "Connection: keep-alive, X-Request-Id");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(headerValues(response)).containsExactly("client-9");
        assertThat(backendReceived()).containsExactly("client-9");
    }

    @Test
    void homeWhenIdIs128CharactersThenKept() {
        String id = "a".repeat(128);

        client.get().uri("/api/v3/home").header(HEADER, id).exchange()
                .expectHeader().valueEquals(HEADER, id)
                .expectBody(Void.class);
    }

    @Test
    void homeWhenBackendAnswersWithItsOwnIdThenClientSeesOnlyTheGateways() {
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend").withHeader(HEADER, "backend-made-this")));

        client.get().uri("/api/v3/home").header(HEADER, "gateway-side-1").exchange()
                .expectStatus().isOk()
                .expectHeader().values(HEADER, values -> assertThat(values).containsExactly("gateway-side-1"))
                .expectBody(Void.class);
    }

    @Test
    void secretWhenRefusedThenIdInHeaderAndProblemBody() {
        client.get().uri("/api/v3/secret").header(HEADER, "refused-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HEADER, "refused-1")
                .expectBody().jsonPath("$.request_id").isEqualTo("refused-1");

        assertThat(backend.getAllServeEvents()).isEmpty();
    }

    @Test
    void secretWhenRefusedWithoutIdThenGeneratedIdInHeaderMatchesBody() {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v3/secret")
                .headers(h -> h.setBearerAuth(tokens.valid().signedWith("another-secret-of-at-least-32-bytes!!")
                        .sign()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().returnResult();

        String echoed = result.getResponseHeaders().getFirst(HEADER);
        assertThat(echoed).matches(UUID);
        assertThat(new String(result.getResponseBody())).contains("\"request_id\":\"" + echoed + "\"");
    }

    @Test
    void unknownPathWhenNotFoundThenIdInHeaderAndProblemBody() {
        client.get().uri("/api/v3/nowhere").header(HEADER, "lost-1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals(HEADER, "lost-1")
                .expectBody().jsonPath("$.request_id").isEqualTo("lost-1");
    }

    @Test
    void pathWhenFirewallRefusesThenIdInHeaderAndProblemBody() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/public/../secret", "", HEADER + ": firewall-1");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(headerValues(response)).containsExactly("firewall-1");
        assertThat(response).contains("\"request_id\":\"firewall-1\"");
        assertThat(backend.getAllServeEvents()).isEmpty();
    }

    @Test
    void tokenEndpointWhenRefusedThenIdInEnvelope() {
        client.post().uri("/api/v3/auth").header(HEADER, "auth-1").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HEADER, "auth-1")
                .expectBody().jsonPath("$.data.request_id").isEqualTo("auth-1");
    }

    @Test
    void oauthTokenEndpointWhenRefusedThenIdInErrorBody() {
        client.post().uri("/oauth2/token").header(HEADER, "oauth-1")
                .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HEADER, "oauth-1")
                .expectBody().jsonPath("$.request_id").isEqualTo("oauth-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "abc def",                                      // a space
            "abc\"def",                                     // a quote
            "abc%0d%0aSet-Cookie:%20stolen=1",              // CRLF, percent-encoded
            "abc\r\n Set-Cookie: stolen=1",                 // obs-fold: a continuation line (RFC 9112 §5.2)
            "abc\tSet-Cookie: stolen=1",                    // a tab
            "id-\u00e9t\u00e9",                             // non-ASCII, sent as UTF-8
            "<script>alert(1)</script>",
            ""})
    void homeWhenIdMalformedThenReplacedBeforeBackendAndClient(String malicious) throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/home", "", HEADER + ": " + malicious);

        assertThat(response).startsWith("HTTP/1.1 200");
        assertReplaced(response);
        assertThat(response.toLowerCase(Locale.ROOT)).doesNotContain("set-cookie");
    }

    @Test
    void homeWhenIdIs10KiBThenReplaced() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/home", "", HEADER + ": " + "x".repeat(10 * 1024));

        assertThat(response).startsWith("HTTP/1.1 200").doesNotContain("x".repeat(129));
        assertReplaced(response);
    }

    @Test
    void homeWhenIdIs129CharactersThenReplaced() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/home", "", HEADER + ": " + "a".repeat(129));

        assertReplaced(response);
    }

    @Test
    void homeWhenTwoIdsSentThenBothReplaced() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/api/v3/home", "", HEADER + ": first-1",
                HEADER + ": second-2");

        assertThat(response).doesNotContain("first-1").doesNotContain("second-2");
        assertReplaced(response);
    }

    /** One generated id on the response, and the very same one, alone, at the backend. */
    private void assertReplaced(String response) {
        List<String> echoed = headerValues(response);
        assertThat(echoed).hasSize(1);
        assertThat(echoed.get(0)).matches(UUID);
        assertThat(backendReceived()).containsExactly(echoed.get(0));
    }

    private List<String> backendReceived() {
        List<LoggedRequest> requests = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0).getHeaders().getHeader(HEADER).values();
    }

    private static List<String> headerValues(String response) {
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        Matcher values = Pattern.compile("(?im)^" + HEADER + ": ?(.*)$").matcher(head);
        return values.results().map(match -> match.group(1).strip()).toList();
    }
}
