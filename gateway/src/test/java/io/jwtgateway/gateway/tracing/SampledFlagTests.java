package io.jwtgateway.gateway.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.OtlpReceiver;
import io.jwtgateway.gateway.testing.OtlpReceiver.ReceivedSpan;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client cannot have its requests traced by sending {@code traceparent} with the sampled flag: sampling at 0, its
 * trace is continued but not kept, and the backend is told so. A trusted proxy's flag is believed. The proxy is
 * 127.0.0.2, a loopback address the test's socket binds to; every other request comes from 127.0.0.1.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.trusted-proxies=127.0.0.2/32",
        "gateway.tracing.include-subject=true",
        "management.tracing.export.enabled=true",
        "management.tracing.sampling.probability=0.0",
        "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@AutoConfigureWebTestClient
class SampledFlagTests {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final OtlpReceiver collector = OtlpReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::endpoint);
    }

    @AfterAll
    static void stop() {
        backend.stop();
        collector.close();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void reset() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        collector.clear();
    }

    @Test
    void clientWhenSendingTheSampledFlagThenTraceContinuedButNotSampled() throws InterruptedException {
        client.get().uri("/api/v3/secret").header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .headers(h -> h.setBearerAuth(tokens.valid().subject("alice").sign()))
                .exchange().expectStatus().isOk().expectBody(String.class);

        assertThat(sentTraceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-00")
                .as("the gateway's own span is the parent").doesNotContain("00f067aa0ba902b7");
        Thread.sleep(500);                      // ten export intervals: nothing of the trace may come
        assertThat(collector.trace(TRACE_ID)).isEmpty();
    }

    @Test
    void trustedProxyWhenSendingTheSampledFlagThenTraceSampled() throws IOException {
        String token = tokens.valid().subject("alice").sign();

        String response = fromTrustedProxy("GET /api/v3/secret HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "traceparent: 00-" + TRACE_ID + "-00f067aa0ba902b7-01\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(sentTraceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(TRACE_ID));
        assertThat(server.parentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(server.attributes()).containsEntry("gateway.subject", "alice");
        collector.awaitSpan(span -> span.isClient() && span.traceId().equals(TRACE_ID));
    }

    @Test
    void clientWhenSendingNoTraceparentThenProbabilityDecides() {
        client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(String.class);

        assertThat(sentTraceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    private String fromTrustedProxy(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    private static String sentTraceparent() {
        var requests = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0).getHeader("traceparent");
    }
}
