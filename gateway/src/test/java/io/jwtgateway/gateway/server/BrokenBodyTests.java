package io.jwtgateway.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.KeepAliveConnection;
import io.jwtgateway.gateway.testing.KeepAliveConnection.Response;
import io.jwtgateway.gateway.testing.RawBackend;
import io.jwtgateway.gateway.testing.RawBackend.Received;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A request body that breaks off reaches the backend as aborted, never as a whole: the backend must not act on a
 * truncated body while the client, told its request failed, may send it again. A backend of raw sockets records
 * whether the body it got was ended by its framing.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.server.request-body-timeout=1s"})
@ExtendWith(BufferLeaks.class)
class BrokenBodyTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final String UPLOAD = "POST /api/v3/public/upload HTTP/1.1\r\nHost: localhost\r\n";
    static final String CHUNKED = UPLOAD + "Transfer-Encoding: chunked\r\n\r\n";

    static RawBackend backend;

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) throws Exception {
        backend = new RawBackend();
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() throws Exception {
        backend.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void forgetEarlierRequests() {
        backend.clear();
    }

    @Test
    void chunkedBodyWhenNextChunkSizeIsGarbageThenBadRequestAndBackendRequestAborted() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED + "5\r\nhello\r\n");
            String started = awaitBody("hello");            // the backend has the first chunk, as it streams

            client.send("zz\r\nworld\r\n0\r\n\r\n");

            assertAborted(started);
            assertRefusedAndClosed(client, 400, "chunked framing is malformed");
        }
    }

    @Test
    void chunkedBodyWhenChunkDataOverrunsItsSizeThenBadRequestAndBackendRequestAborted() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED + "5\r\nhello\r\n");
            String started = awaitBody("hello");

            client.send("3\r\nworld\r\n0\r\n\r\n");          // three bytes announced, five sent: no CRLF after three

            assertAborted(started);
            assertRefusedAndClosed(client, 400, "chunked framing is malformed");
        }
    }

    @Test
    void chunkedBodyWhenMalformedInTheFirstReadThenBadRequestAndBackendNeverGetsAnEndedBody() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED + "5\r\nhello\r\nzz\r\n\r\n");

            assertRefusedAndClosed(client, 400, "chunked framing is malformed");
        }
        assertNoEndedRequest();
    }

    @Test
    void chunkedBodyWhenFirstChunkSizeIsGarbageThenBadRequestAndBackendNeverGetsAnEndedBody() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED + "zz\r\nhello\r\n0\r\n\r\n");   // nothing of the body has been read yet

            assertRefusedAndClosed(client, 400, "chunked framing is malformed");
        }
        assertNoEndedRequest();
    }

    @Test
    void chunkedBodyWhenClientStopsSendingThenRequestTimeoutAndBackendRequestAborted() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED + "5\r\nhello\r\n");
            String started = awaitBody("hello");

            assertAborted(started);
            assertRefusedAndClosed(client, 408, "stopped arriving");   // after the 1 s request-body-timeout
        }
    }

    @Test
    void contentLengthBodyWhenClientStopsSendingThenRequestTimeoutAndBackendRequestAborted() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(UPLOAD + "Content-Length: 10\r\n\r\nhello");
            String started = awaitBody("hello");

            assertAborted(started);
            assertRefusedAndClosed(client, 408, "stopped arriving");
        }
    }

    @Test
    void contentLengthBodyWhenClientDisconnectsMidBodyThenBackendRequestAborted() throws Exception {
        String started;
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(UPLOAD + "Content-Length: 10\r\n\r\nhello");
            started = awaitBody("hello");
        }

        assertAborted(started);
    }

    @Test
    void chunkedBodyWhenSentSlowlyButSteadilyThenDeliveredWhole() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            client.send(CHUNKED);
            for (int i = 0; i < 6; i++) {                   // 1.5 s in all, past the 1 s timeout, but no pause that long
                client.send("1\r\n" + i + "\r\n");
                Thread.sleep(250);
            }
            client.send("0\r\n\r\n");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("received");
        }
        Received received = backend.next(10);
        assertThat(received.ended()).isTrue();
        assertThat(received.body()).isEqualTo("012345");
    }

    @Test
    void contentLengthBodyWhenWholeThenDeliveredAndConnectionKeptForTheNextRequest() throws Exception {
        try (KeepAliveConnection client = new KeepAliveConnection(port, PATIENCE)) {
            for (int i = 0; i < 2; i++) {
                Response response = client.exchange(UPLOAD + "Content-Length: 5\r\n\r\nhello");

                assertThat(response.status()).isEqualTo(200);
                Received received = backend.next(10);
                assertThat(received.ended()).isTrue();
                assertThat(received.body()).isEqualTo("hello");
            }
        }
    }

    /** Waits until the backend has received this much of a body, and returns the request's head. */
    private static String awaitBody(String prefix) throws InterruptedException {
        String head = backend.awaitPartialBody(prefix, PATIENCE);
        assertThat(head).as("the backend received the start of the body").isNotNull();
        return head;
    }

    private static void assertAborted(String startedHead) throws InterruptedException {
        Received finished = backend.next(10);
        assertThat(finished).as("the backend saw the request end one way or the other").isNotNull();
        assertThat(finished.head()).isEqualTo(startedHead);
        assertThat(finished.ended()).as("the backend request was aborted, not completed").isFalse();
    }

    private static void assertNoEndedRequest() throws InterruptedException {
        Received received = backend.next(2);
        if (received != null) {
            assertThat(received.ended()).as("the backend request was aborted, not completed").isFalse();
        }
    }

    private static void assertRefusedAndClosed(KeepAliveConnection client, int status, String detail)
            throws Exception {
        Response response = client.read();
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.hasHeader("Content-Type", "application/problem+json")).isTrue();
        assertThat(response.hasHeader("Connection", "close")).isTrue();
        assertThat(response.body()).contains("\"status\":" + status).contains(detail);
        assertThat(client.closedByServer()).isTrue();
    }
}
