package io.jwtgateway.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.KeepAliveConnection;
import io.jwtgateway.gateway.testing.KeepAliveConnection.Response;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests Netty cannot frame are answered with a JSON problem detail and the connection is closed: what follows them
 * on the connection cannot be trusted to be the next request. None reaches the backend.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "server.netty.max-initial-line-length=1KB",
        "server.max-http-request-header-size=2KB",
        "management.server.port=0"})
@ExtendWith(BufferLeaks.class)
class MalformedRequestTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final String HOME = "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n";

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

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void requestWhenRequestLineOverLimitThenUriTooLongAsJsonAndConnectionClosed() throws Exception {
        String longPath = "/api/v3/home?q=" + "a".repeat(2048);

        assertRefused("GET " + longPath + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414, "request line is too long");
    }

    @Test
    void requestWhenHeaderSectionOverLimitThenHeaderFieldsTooLargeAsJsonAndConnectionClosed() throws Exception {
        String bigHeader = "X-Padding: " + "b".repeat(4096) + "\r\n";

        assertRefused(HOME + bigHeader + "\r\n", 431, "header section is too large");
    }

    /** Forwarded with no body on Netty 4.2.15, which left the body to be read as a second request. */
    @Test
    void requestWhenTransferCodingIsNotChunkedThenBadRequestAndBodyNeverReadAsARequest() throws Exception {
        String smuggled = "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n";

        assertRefused("POST /api/v3/public/x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n" + smuggled,
                400, "not well-formed HTTP/1.1");
    }

    @Test
    void requestWhenChunkedIsNotTheLastCodingThenBadRequest() throws Exception {
        assertRefused("POST /api/v3/public/x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n", 400, "not well-formed HTTP/1.1");
    }

    @Test
    void requestWhenChunkedAppliedTwiceThenBadRequest() throws Exception {
        assertRefused("POST /api/v3/public/x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400,
                "not well-formed HTTP/1.1");
    }

    @Test
    void requestWhenTransferCodingIsChunkedInCapitalsThenForwarded() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            Response response = http.exchange("POST /api/v3/public/x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("from backend");
        }
    }

    @Test
    void requestWhenRequestLineIsGarbageThenBadRequestAsJson() throws Exception {
        assertRefused("GET /api/v3/home HTTP/9.9 extra\r\nHost: localhost\r\n\r\n", 400, "not well-formed HTTP/1.1");
    }

    @Test
    void requestWhenContentLengthIsNotANumberThenBadRequestAsJson() throws Exception {
        assertRefused("POST /api/v3/public/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n",
                400, "not well-formed HTTP/1.1");
    }

    @Test
    void requestWhenRefusedOnAKeptAliveConnectionThenEarlierResponseIntactAndRefusalComesNext() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            http.send(
                    HOME + "\r\n" + "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n");

            assertThat(http.read().status()).isEqualTo(200);
            Response refused = http.read();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void requestWhenRefusedBehindASlowResponseThenTheSlowResponseIsDeliveredWhole() throws Exception {
        backend.stubFor(any(urlEqualTo("/api/v3/public/slow")).willReturn(ok("slowly").withFixedDelay(6_000)));
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            http.send("GET /api/v3/public/slow HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n");

            Response slow = http.read();
            assertThat(slow.status()).isEqualTo(200);
            assertThat(slow.body()).isEqualTo("slowly");
            assertThat(http.read().status()).isEqualTo(400);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void refusalsWhenCountedThenScrapedByReason() throws Exception {
        double before = refusals("headers_too_large");

        assertRefused(HOME + "X-Padding: " + "c".repeat(4096) + "\r\n\r\n", 431, "too large");

        assertThat(refusals("headers_too_large")).isEqualTo(before + 1);
    }

    private double refusals(String reason) {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        return PrometheusScrape.of(management).value("gateway_server_refusals_total", "reason", reason);
    }

    private void assertRefused(String request, int status, String detail) throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            Response response = http.exchange(request);

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.hasHeader("Content-Type", "application/problem+json")).isTrue();
            assertThat(response.hasHeader("Connection", "close")).isTrue();
            assertThat(response.body()).contains("\"status\":" + status).contains(detail);
            assertThat(http.closedByServer()).isTrue();
        }
        backend.verify(0, anyRequestedFor(anyUrl()));
    }
}
