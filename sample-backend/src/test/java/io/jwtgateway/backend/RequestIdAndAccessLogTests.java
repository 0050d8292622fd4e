package io.jwtgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The backend's half of request tracing: the gateway's {@code X-Request-Id} kept, echoed and logged. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "INSTANCE_ID=backend-test-1")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class RequestIdAndAccessLogTests {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Autowired
    WebTestClient client;

    @Test
    void secretWhenGatewaySentRequestIdAndSubjectThenEchoedAndLoggedWithEveryField(CapturedOutput output) {
        client.get().uri("/api/v3/secret?page=2&key=query-secret-1").header("X-Request-Id", "from-gateway-1")
                .header("X-Auth-Subject", "alice")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "from-gateway-1");

        assertThat(accessLine(output, "from-gateway-1"))
                .matches(".*time=\\d{4}-\\d\\d-\\d\\dT\\S+Z request_id=from-gateway-1 client=127\\.0\\.0\\.1 method=GET"
                        + " path=/api/v3/secret route=- status=200 latency_ms=\\d+\\.\\d{3} outcome=- subject=alice$");
        assertThat(output.getAll()).doesNotContain("query-secret-1");
    }

    @Test
    void homeWhenNoRequestIdThenGeneratedAndEchoed(CapturedOutput output) {
        String echoed = client.get().uri("/api/v3/home").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(echoed).matches(UUID);
        assertThat(accessLine(output, echoed)).contains(" path=/api/v3/home ");
    }

    @Test
    void homeWhenRequestIdMalformedThenReplaced() {
        for (String malformed : List.of("has space", "a".repeat(129), "caf\u00e9", "a\"b")) {
            client.get().uri("/api/v3/home").header("X-Request-Id", malformed).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("X-Request-Id", echoed -> assertThat(echoed).matches(UUID));
        }
    }

    @Test
    void unknownPathWhenNotFoundThenIdEchoedAndLoggedWith404(CapturedOutput output) {
        client.get().uri("/nowhere").header("X-Request-Id", "lost-2").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Request-Id", "lost-2");

        assertThat(accessLine(output, "lost-2")).contains(" status=404 ");
    }

    private static String accessLine(CapturedOutput output, String requestId) {
        String marker = " request_id=" + requestId + " ";
        await().atMost(Duration.ofSeconds(10))             // written as the response completes
                .until(() -> output.getAll().lines().anyMatch(line -> line.contains(marker)));
        List<String> lines = output.getAll().lines().filter(line -> line.contains(marker)).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(AccessLogFilter.LOGGER);
        return lines.get(0);
    }
}
