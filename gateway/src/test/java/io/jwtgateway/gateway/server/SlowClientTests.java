package io.jwtgateway.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.KeepAliveConnection;
import io.jwtgateway.gateway.testing.KeepAliveConnection.Response;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow and silent clients cannot hold the gateway: a request head that trickles in is cut off at its deadline with a
 * 408, an idle kept-alive connection is closed, and while hundreds of such clients hang on, others are served. Waiting
 * on a slow backend is not the client's fault and is never cut off by these deadlines.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.server.request-header-timeout=2s",
        "gateway.server.request-body-timeout=1s",
        "gateway.server.idle-timeout=3s",
        "gateway.server.response-write-timeout=2s"})
@ExtendWith(BufferLeaks.class)
class SlowClientTests {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    static final byte[] TRICKLED = "GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\nX-Padding: slow\r\n\r\n"
            .getBytes(ISO_8859_1);

    /** 16 MiB: far more than the socket buffers between a client that stops reading and the gateway hold. */
    static final byte[] LARGE = new byte[16 * 1024 * 1024];

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        backend.stubFor(any(urlEqualTo("/api/v3/public/slow")).willReturn(ok("slowly").withFixedDelay(4_000)));
        backend.stubFor(any(urlEqualTo("/api/v3/public/large")).willReturn(ok().withBody(LARGE)));
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void requestHeadWhenSentAByteEveryTenthOfASecondThenRequestTimeoutAtItsDeadline() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();

            String answer = trickle(socket, Duration.ofMillis(100));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("application/problem+json")
                    .contains("did not arrive in time");
            assertThat(took).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(6));
        }
    }

    @Test
    void twoHundredTricklingClientsWhenConnectedThenOtherClientsStillServedAndTricklersCutOff() throws Exception {
        List<Socket> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                tricklers.add(open());
            }
            for (int b = 0; b < 10; b++) {                  // 10 bytes each, well short of their heads' end
                for (Socket trickler : tricklers) {
                    trickler.getOutputStream().write(TRICKLED[b]);
                    trickler.getOutputStream().flush();
                }
            }

            try (KeepAliveConnection other = new KeepAliveConnection(port, PATIENCE)) {
                for (int i = 0; i < 20; i++) {
                    Response response = other.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertThat(response.status()).isEqualTo(200);
                }
            }

            for (Socket trickler : tricklers) {
                assertThat(readAll(trickler)).startsWith("HTTP/1.1 408 ");
            }
        } finally {
            for (Socket trickler : tricklers) {
                trickler.close();
            }
        }
    }

    @Test
    void keptAliveConnectionWhenIdlePastIdleTimeoutThenClosedByGateway() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            assertThat(http.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n").status()).isEqualTo(200);
            long idleFrom = System.nanoTime();

            assertThat(http.closedByServer()).isTrue();

            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).isBetween(Duration.ofMillis(2_900),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void keptAliveConnectionWhenNextRequestComesWithinIdleTimeoutThenServed() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            for (int i = 0; i < 3; i++) {                   // 4.5 s in all: longer than the idle timeout, no pause is
                assertThat(http.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n").status())
                        .isEqualTo(200);
                Thread.sleep(1_500);
            }
        }
    }

    @Test
    void connectionWhenNothingIsEverSentThenClosedAfterIdleTimeout() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2_900),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void responseWhenBackendTakesLongerThanEveryClientTimeoutThenStillDelivered() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            Response response = http.exchange("POST /api/v3/public/slow HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 5\r\n\r\nhello");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slowly");
        }
    }

    @Test
    void responseWhenClientStopsReadingItThenConnectionClosedAfterResponseWriteTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);              // before connecting: no window to autotune into
            socket.connect(new InetSocketAddress("localhost", port));
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.getOutputStream().write("GET /api/v3/public/large HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(ISO_8859_1));

            Thread.sleep(6_000);                            // reads nothing: past the 2 s timeout, with slack

            long received = 0;
            try {
                received = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException reset) {
                // closed by the gateway with unsent data: a reset is as good as the end
            }
            assertThat(received).isLessThan(LARGE.length);
        }
    }

    @Test
    void keptAliveConnectionWhenClientSendsAStrayLineBreakThenNoHeaderDeadline() throws Exception {
        try (KeepAliveConnection http = new KeepAliveConnection(port, PATIENCE)) {
            http.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n");
            http.send("\r\n");                               // RFC 9112 §2.2: ignored, not the start of a request

            Thread.sleep(2_500);                            // past the 2 s header timeout, within the 3 s idle one

            assertThat(http.exchange("GET /api/v3/home HTTP/1.1\r\nHost: localhost\r\n\r\n").status())
                    .isEqualTo(200);
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** Sends the request head a byte at a time until the gateway answers or closes; returns what it sent. */
    private static String trickle(Socket socket, Duration pause) throws Exception {
        OutputStream out = socket.getOutputStream();
        for (byte b : TRICKLED) {
            if (socket.getInputStream().available() > 0) {
                break;
            }
            try {
                out.write(b);
                out.flush();
            } catch (IOException closed) {
                break;
            }
            Thread.sleep(pause.toMillis());
        }
        return readAll(socket);
    }

    private static String readAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), ISO_8859_1);
        } catch (IOException reset) {
            return "";
        }
    }
}
