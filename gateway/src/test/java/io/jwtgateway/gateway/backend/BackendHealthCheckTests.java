package io.jwtgateway.gateway.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RestartableBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two backend instances polled every 200ms: one that fails its health check, or is stopped, stops taking requests,
 * and takes them again once it passes. POSTs show it, as they are never retried on another instance.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.health-check.enabled=true",
        "gateway.backend.health-check.interval=200ms"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class BackendHealthCheckTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    static final RestartableBackend first = new RestartableBackend("first");
    static final RestartableBackend second = new RestartableBackend("second");

    @DynamicPropertySource
    static void backendUris(DynamicPropertyRegistry registry) {
        registry.add("gateway.backend.uris", () -> first.baseUrl() + "," + second.baseUrl());
    }

    @AfterAll
    static void stopBackends() {
        first.stop();
        second.stop();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void startHealthyBackends() {
        for (RestartableBackend backend : new RestartableBackend[] {first, second}) {
            backend.reset().server().stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));
        }
        await().atMost(PATIENCE).until(() -> servedBy("first", "second"));
    }

    @Test
    void postWhenBackendFailsItsHealthCheckThenOnlyTheOtherServesUntilItPasses() {
        second.server().stubFor(get("/actuator/health").willReturn(serviceUnavailable()));

        await().atMost(PATIENCE).until(() -> servedBy("first", "first", "first", "first"));
        second.server().stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));

        await().atMost(PATIENCE).until(() -> servedBy("first", "second"));
    }

    @Test
    void postWhenBackendStoppedThenSkippedAndServedAgainOnceRestarted() {
        second.stop();

        await().atMost(PATIENCE).until(() -> servedBy("first", "first", "first", "first"));
        second.reset().server().stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));

        await().atMost(PATIENCE).until(() -> servedBy("first", "second"));
    }

    @Test
    void postWhenEveryBackendStoppedThen503UntilOneReturnsAndGatewayStaysUp() {
        first.stop();
        second.stop();

        await().atMost(PATIENCE).until(() -> status("/api/v3/public/orders") == 503);
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        first.reset().server().stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));

        await().atMost(PATIENCE).until(() -> servedBy("first", "first"));
    }

    /** True when as many consecutive POSTs were all answered 200, by these instances in any order. */
    private boolean servedBy(String... instances) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < instances.length; i++) {
            EntityExchangeResult<String> result = client.post().uri("/api/v3/public/orders").bodyValue("order")
                    .exchange().expectBody(String.class).returnResult();
            if (!result.getStatus().is2xxSuccessful()) {
                return false;
            }
            answers.add(result.getResponseBody());
        }
        return answers.stream().sorted().toList().equals(Stream.of(instances).sorted().toList());
    }

    private int status(String path) {
        return client.post().uri(path).bodyValue("order").exchange().returnResult(Void.class).getStatus().value();
    }
}
