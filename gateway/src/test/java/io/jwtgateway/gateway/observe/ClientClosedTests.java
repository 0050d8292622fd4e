package io.jwtgateway.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.AccessLines;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.KeepAliveConnection;
import io.jwtgateway.gateway.testing.KeepAliveConnection.Response;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The access log's status for a client that closes its connection: the status it was sent when the whole response had
 * been written before the close, however soon after it the client closed; 499 when it left before that. Raw sockets,
 * so that the test alone decides when a connection closes and how much of a response was read.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger"})
@ExtendWith(BufferLeaks.class)
class ClientClosedTests {

    /**
     * Each client sends a request, reads its response and closes at once, on a connection of its own: 4,000 in all.
     * When the access log took Reactor Netty's cancel for the client leaving, 12 and 14 of these lines said 499 in two
     * runs: this many catch it in every run.
     */
    static final int CLIENTS = 8;
    static final int REQUESTS_EACH = 500;
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Pattern REQUEST_ID = Pattern.compile(" request_id=(\\S+) ");

    /**
     * With a {@code Content-Length}, as most backends send a small body: the client knows the response is whole as
     * soon as its last byte arrives, which can be before the gateway has seen the backend's response end.
     */
    static final String BODY = "from backend";

    /** Far more than the buffers between the backend and a client that stops reading can hold. */
    static final byte[] LARGE = new byte[32 * 1024 * 1024];

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64)
            .maxRequestJournalEntries(100));

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok(BODY).withHeader("Content-Length", String.valueOf(BODY.length()))));
        backend.stubFor(any(urlEqualTo("/api/v3/public/slow")).willReturn(ok(BODY).withFixedDelay(5_000)));
        backend.stubFor(any(urlEqualTo("/api/v3/public/large")).willReturn(ok().withBody(LARGE)
                .withHeader("Content-Length", String.valueOf(LARGE.length))));
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @LocalServerPort
    int port;

    final AccessLines accessLines = new AccessLines();

    @BeforeEach
    void keepAccessLines() {
        accessLines.attach();
    }

    @AfterEach
    void printAccessLinesAgain() {
        accessLines.detach();
    }

    @Test
    void responsesWhenClientsCloseAsSoonAsTheyHaveReadThemThenEveryLineHasTheStatusSent() throws Exception {
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> readEachAndClose(client, start, sent)));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }

        int total = CLIENTS * REQUESTS_EACH;
        assertThat(sent).hasSize(total);
        String ours = " request_id=read-then-closed-";
        await().atMost(PATIENCE).until(() -> accessLines.count(ours) >= total);
        List<String> lines = accessLines.matching(ours);
        assertThat(lines).hasSize(total);
        assertThat(lines.stream().filter(line -> !line.contains(" status=" + sent.get(requestIdOf(line)) + " ")))
                .isEmpty();
    }

    /**
     * The gateway closes these connections itself, right after each response's end: the line, written after that,
     * still has the status sent.
     */
    @Test
    void responsesWhenClientAsksToCloseThenEveryLineHasTheStatusSent() throws Exception {
        for (int i = 0; i < 100; i++) {
            boolean proxied = i % 2 == 0;
            try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
                Response response = http.exchange("GET " + (proxied ? "/api/v3/home" : "/api/v3/nowhere")
                        + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Request-Id: asked-to-close-" + i
                        + "\r\n\r\n");

                assertThat(response.status()).isEqualTo(proxied ? 200 : 404);
                assertThat(http.closedByServer()).isTrue();
            }
        }

        String ours = " request_id=asked-to-close-";
        await().atMost(PATIENCE).until(() -> accessLines.count(ours) >= 100);
        assertThat(accessLines.matching(ours)).hasSize(100)
                .allMatch(line -> line.contains(line.contains("/api/v3/home") ? " status=200 " : " status=404 "));
    }

    @Test
    void requestWhenClientClosesWhileTheBackendIsSlowThenLoggedAs499() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            send(socket, "/api/v3/public/slow", "left-waiting-1");
            await().atMost(PATIENCE).until(() -> !backend.findAll(anyRequestedFor(urlEqualTo("/api/v3/public/slow")))
                    .isEmpty());

            assertThat(socket.getInputStream().available()).isZero();       // not one byte of a response yet
        }

        assertThat(accessLine("left-waiting-1")).contains(" path=/api/v3/public/slow route=public status=499 ");
    }

    @Test
    void largeResponseWhenClientClosesPartWayThroughThenLoggedAs499() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);                        // fixed, so it cannot grow to hold it all
            socket.connect(new InetSocketAddress("localhost", port));
            send(socket, "/api/v3/public/large", "left-midway-1");
            InputStream in = socket.getInputStream();
            String head = readHead(in);

            assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: " + LARGE.length);
            assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
        }

        assertThat(accessLine("left-midway-1")).contains(" path=/api/v3/public/large route=public status=499 ");
    }

    /** Sends each request on a connection of its own, reads the whole response and closes at once. */
    private Void readEachAndClose(int client, CountDownLatch start, Map<String, Integer> sent) throws Exception {
        start.await();
        for (int i = 0; i < REQUESTS_EACH; i++) {
            String requestId = "read-then-closed-" + client + "-" + i;
            try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
                Response response = http.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Request-Id: " + requestId + "\r\n\r\n");
                sent.put(requestId, response.status());
            }
        }
        return null;
    }

    private static String requestIdOf(String line) {
        Matcher id = REQUEST_ID.matcher(line);
        return id.find() ? id.group(1) : "";
    }

    /** The access line of one request, waited for: it is written when the request ends. */
    private String accessLine(String requestId) {
        String marker = " request_id=" + requestId + " ";
        await().atMost(PATIENCE).until(() -> accessLines.count(marker) > 0);
        List<String> lines = accessLines.matching(marker);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static void send(Socket socket, String path, String requestId) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: " + requestId
                + "\r\n\r\n").getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed after " + head.length() + " bytes of a response head");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
