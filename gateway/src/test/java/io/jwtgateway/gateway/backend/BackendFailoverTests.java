package io.jwtgateway.gateway.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RestartableBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Two backend instances, one or both down, with no health check: an idempotent request that cannot connect goes to the
 * other instance, and when none answers the client gets a problem detail, quickly, and the gateway stays healthy.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.connect-timeout=2s",
        "gateway.backend.response-timeout=2s",
        // These tests count how requests spread and retry; ejecting a failing instance would change the counts, and
        // is tested in ServiceBalancingTests.
        "gateway.service-defaults.outlier-detection.consecutive-failures=1000000"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(BufferLeaks.class)
class BackendFailoverTests {

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
    void startBackends() {
        first.reset();
        second.reset();
    }

    @Test
    void getWhenOneBackendStoppedThenEveryRequestAnsweredByTheOther() {
        second.stop();

        for (int i = 0; i < 6; i++) {
            client.get().uri("/api/v3/home").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("first");
        }

        first.server().verify(6, getRequestedFor(urlEqualTo("/api/v3/home")));
    }

    @Test
    void putWhenOneBackendStoppedThenRetriedWithItsBodyIntact() {
        second.stop();

        for (int i = 0; i < 4; i++) {
            client.put().uri("/api/v3/public/item").contentType(MediaType.TEXT_PLAIN).bodyValue("payload " + i)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(Void.class);
        }

        for (int i = 0; i < 4; i++) {
            first.server().verify(1, putRequestedFor(urlEqualTo("/api/v3/public/item"))
                    .withRequestBody(equalTo("payload " + i)));
        }
    }

    @Test
    void postWhenItsBackendStoppedThenNotRetriedAndClientGets503() {
        second.stop();
        List<HttpStatusCode> statuses = new ArrayList<>();

        for (int i = 0; i < 4; i++) {                   // round robin: every other request goes to the stopped one
            statuses.add(client.post().uri("/api/v3/public/orders").bodyValue("order " + i).exchange()
                    .returnResult(Void.class).getStatus());
        }

        assertThat(statuses).filteredOn(HttpStatusCode::is2xxSuccessful).hasSize(2);
        assertThat(statuses).filteredOn(status -> status.value() == 503).hasSize(2);
        first.server().verify(2, postRequestedFor(urlEqualTo("/api/v3/public/orders")));
    }

    @Test
    void getWhenBothBackendsStoppedThen503ProblemWellWithinConnectTimeout() {
        client.get().uri("/api/v3/home").exchange().expectStatus().isOk()
                .expectBody(Void.class);                // the load balancer is warm
        first.stop();
        second.stop();
        long start = System.nanoTime();

        ResponseSpec response = client.get().uri("/api/v3/home").exchange();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        expectProblem(response, 503, "backend_unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void getWhenBackendSlowerThanResponseTimeoutThen504ProblemAndNotRetried() {
        first.server().stubFor(get("/api/v3/public/slow").willReturn(aResponse().withFixedDelay(4_000)));
        second.server().stubFor(get("/api/v3/public/slow").willReturn(aResponse().withFixedDelay(4_000)));

        ResponseSpec response = client.get().uri("/api/v3/public/slow").exchange();

        expectProblem(response, 504, "backend_timeout");
        int received = first.server().findAll(anyRequestedFor(urlEqualTo("/api/v3/public/slow"))).size()
                + second.server().findAll(anyRequestedFor(urlEqualTo("/api/v3/public/slow"))).size();
        assertThat(received).isEqualTo(1);
    }

    @Test
    void getWhenItsBackendClosesTheConnectionWithoutAnswerThenAnsweredByTheOtherOnce() {
        first.server().stubFor(get("/api/v3/public/crash").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        second.server().stubFor(get("/api/v3/public/crash").willReturn(aResponse().withBody("second")));

        for (int i = 0; i < 4; i++) {                   // round robin: some of them reach the first one first
            client.get().uri("/api/v3/public/crash").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("second");
        }

        assertThat(first.server().findAll(getRequestedFor(urlEqualTo("/api/v3/public/crash")))).isNotEmpty();
        second.server().verify(4, getRequestedFor(urlEqualTo("/api/v3/public/crash")));   // each answered once
    }

    @Test
    void postWhenItsBackendClosesTheConnectionWithoutAnswerThen502ProblemAndNotRetried() {
        for (RestartableBackend backend : List.of(first, second)) {
            backend.server().stubFor(post("/api/v3/public/orders")
                    .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        }

        ResponseSpec response = client.post().uri("/api/v3/public/orders").bodyValue("order").exchange();

        expectProblem(response, 502, "backend_closed");
        int received = first.server().findAll(postRequestedFor(urlEqualTo("/api/v3/public/orders"))).size()
                + second.server().findAll(postRequestedFor(urlEqualTo("/api/v3/public/orders"))).size();
        assertThat(received).isEqualTo(1);
    }

    @Test
    void getWhenBothBackendsCloseTheConnectionWithoutAnswerThen502ProblemAfterOneRetry() {
        for (RestartableBackend backend : List.of(first, second)) {
            backend.server().stubFor(get("/api/v3/public/crash")
                    .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        }

        ResponseSpec response = client.get().uri("/api/v3/public/crash").exchange();

        expectProblem(response, 502, "backend_closed");
        first.server().verify(1, getRequestedFor(urlEqualTo("/api/v3/public/crash")));
        second.server().verify(1, getRequestedFor(urlEqualTo("/api/v3/public/crash")));
    }

    @Test
    void getWhenBackendsRefuseConnectionsThenWarningsButNoErrorOrStackTraceLogged(CapturedOutput output) {
        first.stop();
        second.stop();

        client.get().uri("/api/v3/home").exchange().expectStatus().isEqualTo(503).expectBody(Void.class);

        assertThat(output.getAll()).contains("WARN").doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @Test
    void accessLogWhenNoBackendReachableThenLineSays503AsTheClientGot(CapturedOutput output) {
        first.stop();
        second.stop();

        client.get().uri("/api/v3/public/unreachable").exchange().expectStatus().isEqualTo(503)
                .expectBody(Void.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("path=/api/v3/public/unreachable route=public status=503 "));
    }

    @Test
    void accessLogWhenBackendClosesWithoutAnswerThenLineSays502AsTheClientGot(CapturedOutput output) {
        for (RestartableBackend backend : List.of(first, second)) {
            backend.server().stubFor(post("/api/v3/public/closed")
                    .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        }

        client.post().uri("/api/v3/public/closed").bodyValue("order").exchange().expectStatus().isEqualTo(502)
                .expectBody(Void.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("path=/api/v3/public/closed route=public status=502 "));
    }

    @Test
    void healthWhenBothBackendsStoppedThenGatewayStillUp() {
        first.stop();
        second.stop();

        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void getWhenBackendsReturnAfterOutageThenServedAgain() {
        first.stop();
        second.stop();
        client.get().uri("/api/v3/home").exchange().expectStatus().isEqualTo(503).expectBody(Void.class);

        first.reset();
        second.reset();

        client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    private static void expectProblem(ResponseSpec response, int status, String error) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.error").isEqualTo(error);
    }
}
