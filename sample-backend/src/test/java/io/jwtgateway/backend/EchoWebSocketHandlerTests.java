package io.jwtgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class EchoWebSocketHandlerTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    void echoWhenSubjectSentThenGreetedByName() {
        List<String> received = converse(subject("alice"), List.of(), CloseStatus.NORMAL);

        assertThat(received).containsExactly("hello alice");
    }

    @Test
    void echoWhenNoSubjectThenGreetedAsAnonymous() {
        List<String> received = converse(new HttpHeaders(), List.of(), CloseStatus.NORMAL);

        assertThat(received).containsExactly("hello anonymous");
    }

    @Test
    void echoWhenTextSentThenEachEchoedInOrder() {
        List<String> received = converse(subject("alice"), List.of("one", "two words"), CloseStatus.NORMAL);

        assertThat(received).containsExactly("hello alice", "echo: one", "echo: two words");
    }

    @Test
    void echoWhenClientClosesWithStatusThenStatusLogged(CapturedOutput output) {
        converse(subject("alice"), List.of(), CloseStatus.POLICY_VIOLATION.withReason("token expired"));

        await().atMost(TIMEOUT).until(() -> output.getAll().contains("websocket closed: 1008 token expired"));
    }

    @Test
    void echoWhenConnectionDropsWithoutCloseFrameThenSessionEndsAndAbnormalClosureLogged(CapturedOutput output)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + EchoWebSocketHandler.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader response = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(response.readLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
        }                                                   // gone without a close frame, as a crashed client goes

        await().atMost(TIMEOUT).until(() -> output.getAll().contains("websocket closed: 1006"));
    }

    @Test
    void echoWhenPlainGetWithoutUpgradeThenBadRequest() {
        client.get().uri(EchoWebSocketHandler.PATH).exchange()
                .expectStatus().isBadRequest();
    }

    /** Opens a socket, sends each text, and once the greeting and every echo are in, closes with the given status. */
    private List<String> converse(HttpHeaders headers, List<String> texts, CloseStatus close) {
        List<String> received = new CopyOnWriteArrayList<>();
        URI uri = URI.create("ws://localhost:" + port + EchoWebSocketHandler.PATH);
        new ReactorNettyWebSocketClient()
                .execute(uri, headers, session -> session.send(Flux.fromIterable(texts).map(session::textMessage))
                        .and(receiveThenClose(session, 1 + texts.size(), received, close)))
                .block(TIMEOUT);
        return received;
    }

    /**
     * Closes from within the stream, never by cancelling it: Reactor Netty answers a cancelled receive with a close
     * frame of its own that has no status (1005), which would hide the one under test.
     */
    private static Mono<Void> receiveThenClose(WebSocketSession session, int count, List<String> received,
            CloseStatus close) {
        return session.receive()
                .map(WebSocketMessage::getPayloadAsText)
                .doOnNext(received::add)
                .skip(count - 1)
                .concatMap(last -> session.close(close))
                .then();
    }

    private static HttpHeaders subject(String subject) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Auth-Subject", subject);
        return headers;
    }
}
