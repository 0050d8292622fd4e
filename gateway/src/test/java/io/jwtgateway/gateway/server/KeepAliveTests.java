package io.jwtgateway.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Every request on a kept-alive connection gets its answer, however the gateway answered the one before. Reactor
 * Netty 1.3.6 left a few proxied requests in every thousand without a response when they followed, on the same
 * connection, a request the gateway answered itself (a 404, a 401, a 400): the client waited for ever, and the access
 * log said 499. Raw sockets, so that no client library retries, pipelines or reconnects behind the test's back.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger"})
@ExtendWith(BufferLeaks.class)
class KeepAliveTests {

    static final int CONNECTIONS = 100;
    /**
     * Each round is one request the gateway answers itself, then one it proxies: 20,000 requests in all. On Reactor
     * Netty 1.3.6 this race hung between one request in ten thousand and one in fifty thousand, so it caught the bug in
     * about half of its runs; the pipelined test below catches it every time.
     */
    static final int ROUNDS = 100;
    /** Answers here take milliseconds; one that has not come in this long is not coming. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    static final String[] ANSWERED_BY_GATEWAY = {
            "GET /api/v3/nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n",                                    // 404
            "GET /api/v3/secret HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not.a.token\r\n\r\n",  // 401
            "GET /api/v3/public/..%2fsecret HTTP/1.1\r\nHost: localhost\r\n\r\n"};                        // 400
    static final int[] ANSWERED_STATUS = {404, 401, 400};
    static final String PROXIED = "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /**
     * Sent with a {@code Content-Length}, as most backends send a small body: a client then knows the response is
     * whole before the gateway has finished with it, and can send its next request in that window. Chunked, WireMock's
     * default, ends only with the last chunk and hides the race.
     */
    static final String BODY = "from backend";

    static final WireMockServer backend =
            new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64).disableRequestJournal());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok(BODY).withHeader("Content-Length", String.valueOf(BODY.length()))));
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @LocalServerPort
    int port;

    /** The access log's lines, kept here instead of printed: 50,000 lines on the console would slow the test down. */
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
    void keepAliveConnectionsWhenLocalAnswersAlternateWithProxiedRequestsThenEveryRequestIsAnswered()
            throws Exception {
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                done.add(clients.submit(() -> converse(connection, start, answered, failures)));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(answered.get()).isEqualTo(CONNECTIONS * ROUNDS * 2);
        // A line is logged as the server sees its response complete, which can be just after the client has read it.
        await().atMost(Duration.ofSeconds(5)).until(() -> accessLines.count("status=200") >= CONNECTIONS * ROUNDS);
        assertThat(accessLines.count("status=200")).isEqualTo(CONNECTIONS * ROUNDS);
        assertThat(accessLines.matching("status=499")).isEmpty();
    }

    /**
     * The same bug made certain (reactor/reactor-netty 4361): a request the gateway answers at once, pipelined behind
     * a proxied one, is answered; the connection then stopped reading, and the next request hung. Every one of 20
     * connections hung here on 1.3.6; none does on 1.3.8.
     */
    @Test
    void pipelinedLocalAnswerBehindAProxiedRequestThenTheNextRequestIsStillAnswered() {
        backend.stubFor(any(urlEqualTo("/api/v3/public/delayed")).willReturn(ok(BODY).withFixedDelay(50)
                .withHeader("Content-Length", String.valueOf(BODY.length()))));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String step = "pipelined pair";
            try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
                http.send("GET /api/v3/public/delayed HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        + ANSWERED_BY_GATEWAY[i % ANSWERED_BY_GATEWAY.length]);
                expect(http.read(), 200);
                expect(http.read(), ANSWERED_STATUS[i % ANSWERED_BY_GATEWAY.length]);
                step = "the request after them";
                expect(http.exchange(PROXIED), 200);
            } catch (Exception e) {
                failures.add("connection " + i + ", " + step + ": " + e);
                if (failures.size() == 3) {
                    break;                                  // each hang costs the patience: three make the case
                }
            }
        }

        assertThat(failures).isEmpty();
    }

    private void converse(int connection, CountDownLatch start, AtomicInteger answered, Queue<String> failures) {
        int round = 0;
        String step = "connecting";
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            start.await();
            for (; round < ROUNDS; round++) {
                int kind = (connection + round) % ANSWERED_BY_GATEWAY.length;
                step = "local " + ANSWERED_STATUS[kind];
                expect(http.exchange(ANSWERED_BY_GATEWAY[kind]), ANSWERED_STATUS[kind]);
                answered.incrementAndGet();
                step = "proxied";
                expect(http.exchange(PROXIED), 200);
                answered.incrementAndGet();
            }
        } catch (Exception e) {
            failures.add("connection " + connection + ", round " + round + ", " + step + ": " + e);
        }
    }

    private static void expect(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("status " + response.status() + " instead of " + status);
        }
    }
}
