package io.jwtgateway.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gateway.access-log.format=json} writes one JSON object per line; {@code output=logger} sends the lines through
 * the logging system instead of straight to standard output; {@code enabled=false} writes none. Bodies are read to
 * their end ({@code expectBody()}): {@code expectBody(Void.class)} hangs up after the first buffer, before a chunked
 * response's last byte, which the log rightly calls 499.
 */
@ExtendWith(BufferLeaks.class)
class AccessLogFormatTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startBackend() {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    static void backendUri(DynamicPropertyRegistry registry) {
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @Nested
    @SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
            "gateway.auth.hmac-secret=" + TestTokens.SECRET,
            "gateway.access-log.format=json"})
    @AutoConfigureWebTestClient
    @ExtendWith(OutputCaptureExtension.class)
    class Json {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            backendUri(registry);
        }

        @Autowired
        WebTestClient client;

        final JsonMapper json = JsonMapper.builder().build();

        @Test
        void secretWhenAllowedThenOneJsonObjectWithEveryField(CapturedOutput output) {
            client.get().uri("/api/v3/secret?page=2").header(RequestId.HEADER, "json-1")
                    .headers(h -> h.setBearerAuth(new TestTokens().valid().subject("al\"ice").sign())).exchange()
                    .expectStatus().isOk()
                    .expectBody();

            JsonNode line = jsonLine(output, "json-1");
            assertThat(line.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(line.get("client").asString()).isEqualTo("127.0.0.1");
            assertThat(line.get("method").asString()).isEqualTo("GET");
            assertThat(line.get("path").asString()).isEqualTo("/api/v3/secret");
            assertThat(line.get("route").asString()).isEqualTo("authenticated");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("latency_ms").isNumber()).isTrue();
            assertThat(line.get("outcome").asString()).isEqualTo("allowed");
            assertThat(line.get("subject").asString()).isEqualTo("al\"ice");
        }

        @Test
        void discoveryWhenServedByTheGatewayThenRouteIsItsPathAndAbsentFieldsAreNull(CapturedOutput output) {
            client.get().uri("/.well-known/jwks.json").header(RequestId.HEADER, "json-2").exchange()
                    .expectStatus().isOk()
                    .expectBody();

            JsonNode line = jsonLine(output, "json-2");
            assertThat(line.get("route").asString()).isEqualTo("/.well-known/jwks.json");
            assertThat(line.get("outcome").isNull()).isTrue();
            assertThat(line.get("subject").isNull()).isTrue();
        }

        private JsonNode jsonLine(CapturedOutput output, String requestId) {
            String marker = "\"request_id\":\"" + requestId + "\"";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().lines().anyMatch(line -> line.contains(marker)));
            List<String> lines = output.getAll().lines().filter(line -> line.contains(marker)).toList();
            assertThat(lines).hasSize(1);
            String line = lines.get(0);
            assertThat(line).startsWith("{\"time\"");         // standard output: the object alone on its line
            return json.readTree(line);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
            "gateway.auth.hmac-secret=" + TestTokens.SECRET,
            "gateway.access-log.output=logger"})
    @AutoConfigureWebTestClient
    @ExtendWith(OutputCaptureExtension.class)
    class OnTheLogger {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            backendUri(registry);
        }

        @Autowired
        WebTestClient client;

        @Test
        void homeWhenOutputIsLoggerThenLineIsAnInfoEventOfGatewayAccess(CapturedOutput output) {
            client.get().uri("/api/v3/home").header(RequestId.HEADER, "logger-1").exchange()
                    .expectStatus().isOk()
                    .expectBody();

            String marker = " request_id=logger-1 ";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().lines().anyMatch(line -> line.contains(marker)));
            List<String> lines = output.getAll().lines().filter(line -> line.contains(marker)).toList();
            assertThat(lines).singleElement().asString()
                    .matches(".* INFO .* " + AccessLog.LOGGER + " +: time=.*")
                    .contains(" route=public status=200 ");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
            "gateway.auth.hmac-secret=" + TestTokens.SECRET,
            "gateway.access-log.enabled=false"})
    @AutoConfigureWebTestClient
    @ExtendWith(OutputCaptureExtension.class)
    class Disabled {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            backendUri(registry);
        }

        @Autowired
        WebTestClient client;

        @Test
        void homeWhenAccessLogDisabledThenNoLineButStillAnId(CapturedOutput output) throws InterruptedException {
            client.get().uri("/api/v3/home").header(RequestId.HEADER, "quiet-1").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(RequestId.HEADER, "quiet-1")
                    .expectBody();

            Thread.sleep(500);                              // a line, if any, is written as the response completes
            assertThat(output.getAll()).doesNotContain(AccessLog.LOGGER).doesNotContain("request_id=quiet-1");
        }
    }
}
