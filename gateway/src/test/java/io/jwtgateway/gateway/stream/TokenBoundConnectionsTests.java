package io.jwtgateway.gateway.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * WebSockets and event streams through the gateway, in front of a Reactor Netty backend: the upgrade is
 * authenticated (a query token accepted, then taken off the request), and a connection opened with a token is ended by
 * the gateway when the token expires or is revoked, the backend's side with it. Events pass through unbuffered.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.clock-skew=0s"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class TokenBoundConnectionsTests {

    static final Duration EVENT_GAP = Duration.ofMillis(1500);

    static final Queue<String> upgrades = new ConcurrentLinkedQueue<>();
    static final Queue<String> backendCloses = new ConcurrentLinkedQueue<>();   // "<subject> <code>"
    static final AtomicLong secondEventSentNanos = new AtomicLong();

    static final DisposableServer backend = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .get("/api/v3/ws/echo", (request, response) -> {
                        upgrades.add(request.uri());
                        String subject = request.requestHeaders().get("X-Auth-Subject", "anonymous");
                        return response.sendWebsocket((in, out) -> {
                            in.receiveCloseStatus()
                                    .subscribe(status -> backendCloses.add(subject + " " + status.code()));
                            return out.sendString(Mono.just("hello " + subject)
                                    .concatWith(in.receive().asString().map(text -> "echo: " + text)));
                        });
                    })
                    .get("/api/v3/events", (request, response) -> response
                            .header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_EVENT_STREAM_VALUE)
                            .send(Flux.interval(Duration.ZERO, EVENT_GAP)
                                    .doOnNext(seq -> {
                                        if (seq == 1) {
                                            secondEventSentNanos.set(System.nanoTime());
                                        }
                                    })
                                    .map(seq -> event("data: " + seq + "\n\n")), buffer -> true)))
            .bindNow();

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        registry.add("gateway.backend.uris", () -> "http://127.0.0.1:" + backend.port());
        registry.add("spring.cloud.gateway.server.webflux.routes[0].id", () -> "streams");
        registry.add("spring.cloud.gateway.server.webflux.routes[0].uri", () -> "lb://backend");
        registry.add("spring.cloud.gateway.server.webflux.routes[0].predicates[0]",
                () -> "Path=/api/v3/ws/**,/api/v3/events");
        registry.add("spring.cloud.gateway.server.webflux.routes[0].metadata.auth", () -> "authenticated");
    }

    @AfterAll
    static void stopBackend() {
        backend.disposeNow();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final ReactorNettyWebSocketClient webSockets = new ReactorNettyWebSocketClient();

    @BeforeEach
    void reset() {
        upgrades.clear();
        backendCloses.clear();
    }

    @Test
    void upgradeWhenNoTokenThenUnauthorizedAndBackendSeesNothing() {
        client.get().uri("/api/v3/ws/echo")
                .header(HttpHeaders.UPGRADE, "websocket")
                .header(HttpHeaders.CONNECTION, "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        assertThat(upgrades).isEmpty();
    }

    @Test
    void queryTokenWhenNotAnUpgradeThenNotAccepted() {
        String token = new TestTokens().valid().sign();

        client.get().uri("/api/v3/events?access_token=" + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void webSocketWhenQueryTokenThenGreetedEchoedAndTheTokenReachesNoBackendAndNoLog(CapturedOutput output) {
        String token = new TestTokens().valid().sign();
        List<String> received = new ArrayList<>();

        webSockets.execute(gateway("/api/v3/ws/echo?room=1&access_token=" + token), session -> session
                .send(Mono.just(session.textMessage("ping")))
                .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(2)
                        .doOnNext(received::add))
                .then(session.close()))
                .block(Duration.ofSeconds(10));

        assertThat(received).containsExactly("hello alice", "echo: ping");
        assertThat(upgrades).containsExactly("/api/v3/ws/echo?room=1");
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void webSocketWhenTokenExpiresThenClosedWith1008AndTheBackendSideClosed() {
        Instant expiry = Instant.now().plusSeconds(2);
        String token = new TestTokens().valid().subject("expiring").issuedAt(Instant.now()).expiresAt(expiry).sign();

        Closed closed = openUntilClosed(token, () -> {});

        assertThat(closed.status()).isEqualTo(new CloseStatus(1008, "token expired"));
        long lateMillis = closed.at().toEpochMilli() - expiry.getEpochSecond() * 1000;
        System.out.println("WebSocket closed " + lateMillis + " ms after the token's exp");
        assertThat(lateMillis).isGreaterThanOrEqualTo(0);
        awaitBackendClose("expiring");
    }

    @Test
    void webSocketWhenTokenRevokedThenClosedWith1008AndTheBackendSideClosed() {
        String token = new TestTokens().valid().subject("revoked").sign();
        AtomicLong revokedAt = new AtomicLong();

        Closed closed = openUntilClosed(token, () -> {
            revokedAt.set(System.currentTimeMillis());
            client.post().uri("/api/v3/auth/revoke").headers(headers -> headers.setBearerAuth(token))
                    .exchange().expectStatus().isOk().expectBody(Void.class);
        });

        assertThat(closed.status()).isEqualTo(new CloseStatus(1008, "token revoked"));
        System.out.println("WebSocket closed " + (closed.at().toEpochMilli() - revokedAt.get())
                + " ms after the revocation was sent");
        awaitBackendClose("revoked");
    }

    @Test
    void eventStreamWhenBackendSendsThenEachEventArrivesAsSentAndTheStreamEndsWhenTheTokenExpires() {
        Instant expiry = Instant.now().plusSeconds(3);
        String token = new TestTokens().valid().issuedAt(Instant.now()).expiresAt(expiry).sign();
        AtomicLong firstEventNanos = new AtomicLong();

        List<String> events = client.get().uri("/api/v3/events")
                .headers(headers -> headers.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseBody()
                .doOnNext(event -> firstEventNanos.compareAndSet(0, System.nanoTime()))
                .collectList()
                .block(Duration.ofSeconds(15));

        // Unbuffered: the first event was in the client's hands before the backend had sent the second.
        assertThat(firstEventNanos.get()).isLessThan(secondEventSentNanos.get());
        assertThat(events).startsWith("0", "1").endsWith("token expired");
    }

    /**
     * Opens the echo WebSocket, runs {@code whileOpen} once the greeting has arrived, and waits, at most 10 s, for
     * the gateway to close it.
     */
    private Closed openUntilClosed(String token, Runnable whileOpen) {
        AtomicReference<Closed> closed = new AtomicReference<>();
        CountDownLatch greeted = new CountDownLatch(1);
        Mono<Void> session = webSockets.execute(gateway("/api/v3/ws/echo?access_token=" + token), socket -> Mono.when(
                socket.receive().doOnNext(message -> greeted.countDown()).then(),
                socket.closeStatus().doOnNext(status -> closed.set(new Closed(status, Instant.now())))));
        CompletableFuture<Void> done = session.toFuture();
        try {
            assertThat(greeted.await(5, TimeUnit.SECONDS)).as("greeted by the backend").isTrue();
            whileOpen.run();
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the WebSocket did not end as expected", e);
        }
        assertThat(closed.get()).as("a close frame from the gateway").isNotNull();
        return closed.get();
    }

    /**
     * The backend's side is closed too. Spring Cloud Gateway's proxy handler ends it as soon as the client's side has
     * stopped receiving, before the client's close frame comes back, so the backend sees no status code (1005, or
     * 1002 when the proxy's own close-status relay wins the race).
     */
    private void awaitBackendClose(String subject) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (closesOf(subject).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(closesOf(subject)).hasSize(1);
    }

    private static List<String> closesOf(String subject) {
        return backendCloses.stream().filter(close -> close.startsWith(subject + " ")).toList();
    }

    private URI gateway(String pathAndQuery) {
        return URI.create("ws://localhost:" + port + pathAndQuery);
    }

    private static ByteBuf event(String text) {
        return Unpooled.copiedBuffer(text, UTF_8);
    }

    record Closed(CloseStatus status, Instant at) {
    }
}
