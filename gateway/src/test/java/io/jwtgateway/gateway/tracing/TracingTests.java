package io.jwtgateway.gateway.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import io.jwtgateway.gateway.http.OnePassResponseHeaders;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.testing.AccessLines;
import io.jwtgateway.gateway.testing.OtlpReceiver;
import io.jwtgateway.gateway.testing.OtlpReceiver.ReceivedSpan;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every request a trace in OpenTelemetry, as a collector receives it over OTLP: the gateway's server span with what it
 * decided, the backend call as its child, the trace carried to the backend in {@code traceparent}, continued from the
 * client's, and its id in the access log and in every refusal's body. No secret reaches a span.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger",
        "management.tracing.export.enabled=true",      // as an endpoint set in a file would; this one is dynamic
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@AutoConfigureWebTestClient
class TracingTests {

    static final String API_KEY = "tracing-api-key-0123456789abcdef";
    static final String CLIENT_ID = "reports";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final OtlpReceiver collector = OtlpReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::endpoint);
        registry.add("gateway.auth.api-keys[0].sha256", () -> Sha256.hex(API_KEY.getBytes(UTF_8)));
        registry.add("gateway.auth.api-keys[0].subject", () -> "reporting-service");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
        registry.add("gateway.auth.api-keys[0].client-id", () -> CLIENT_ID);
    }

    @AfterAll
    static void stop() {
        backend.stop();
        collector.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    List<HttpHeadersFilter> headersFilters;

    final TestTokens tokens = new TestTokens();
    final AccessLines accessLines = new AccessLines();

    @BeforeEach
    void reset() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        accessLines.attach();
    }

    @AfterEach
    void detach() {
        accessLines.detach();
    }

    @Test
    void secretWhenAllowedThenServerSpanCarriesTheDecisionAndTheBackendCallIsItsChild() {
        String token = issuedToken();

        client.get().uri("/api/v3/secret").header(RequestId.HEADER, "trace-allowed")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class);

        String traceparent = sentTraceparent();
        String traceId = traceparent.substring(3, 35);
        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(traceId));
        ReceivedSpan call = collector.awaitSpan(span -> span.isClient() && span.traceId().equals(traceId));
        assertThat(server.service()).isEqualTo("gateway");
        assertThat(server.attributes()).containsEntry("gateway.route", "authenticated")
                .containsEntry("gateway.service", "backend")
                .containsEntry("gateway.instance", "localhost:" + backend.port())
                .containsEntry("gateway.auth.outcome", "allowed")
                .containsEntry("gateway.client_id", CLIENT_ID)
                .containsEntry("status", "200")
                .doesNotContainKey("gateway.subject");
        assertThat(call.parentSpanId()).isEqualTo(server.spanId());
        assertThat(call.attributes()).containsEntry("spring.cloud.gateway.route.id", "authenticated")
                .containsEntry("http.status_code", "200");
        assertThat(traceparent).as("the backend's parent is the gateway's call").isEqualTo(
                "00-" + traceId + "-" + call.spanId() + "-01");
        assertThat(accessLines.of("trace-allowed")).contains(" request_id=trace-allowed trace_id=" + traceId + " ");
    }

    @Test
    void routingFilterWhenTracingThenStillBuildsTheHeadersInOnePassEachWay() {
        assertThat(OnePassRequestHeaders.replacing(headersFilters)).isNotNull();
        assertThat(OnePassResponseHeaders.replacing(headersFilters)).isNotNull();
    }

    @Test
    void secretWhenTokenExpiredThenSpanCarriesTheRefusalAndTheProblemItsTraceId() {
        String token = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        Map<?, ?> problem = client.get().uri("/api/v3/secret").header(RequestId.HEADER, "trace-expired")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Map.class).returnResult().getResponseBody();

        String traceId = (String) problem.get("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(problem.get("request_id")).isEqualTo("trace-expired");
        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(traceId));
        assertThat(server.attributes()).containsEntry("gateway.auth.outcome", "expired")
                .containsEntry("gateway.route", "authenticated")
                .containsEntry("status", "401")
                .doesNotContainKey("gateway.instance");
        assertThat(collector.trace(traceId)).noneMatch(ReceivedSpan::isClient);
        assertThat(accessLines.of("trace-expired")).contains(" trace_id=" + traceId + " ");
    }

    @Test
    void homeWhenClientSendsTraceparentThenTheTraceIsContinued() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";

        client.get().uri("/api/v3/home").header("traceparent", "00-" + traceId + "-" + parent + "-01")
                .header("tracestate", "vendor=opaque")
                .exchange().expectStatus().isOk().expectBody(String.class);

        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(traceId));
        assertThat(server.parentSpanId()).isEqualTo(parent);
        assertThat(server.attributes()).containsEntry("gateway.auth.outcome", "public")
                .containsEntry("gateway.route", "public");
        LoggedRequest sent = backend.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getHeader("traceparent")).startsWith("00-" + traceId + "-").doesNotContain(parent);
        assertThat(sent.getHeader("tracestate")).isEqualTo("vendor=opaque");
    }

    /** A trace state belongs to the trace it came with: without one continued, the backend gets none. */
    @Test
    void homeWhenClientSendsTracestateAloneThenTheBackendGetsANewTraceWithoutIt() {
        client.get().uri("/api/v3/home").header("tracestate", "vendor=orphan")
                .exchange().expectStatus().isOk().expectBody(String.class);

        LoggedRequest sent = backend.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getHeader("traceparent")).startsWith("00-");
        assertThat(sent.containsHeader("tracestate")).isFalse();
    }

    @Test
    void tokenEndpointWhenKeyAcceptedThenSpanNamesTheClient() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        client.post().uri("/api/v3/auth").header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("api-key", API_KEY))
                .exchange().expectStatus().isOk().expectBody(String.class);

        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(traceId));
        assertThat(server.attributes()).containsEntry("gateway.client_id", CLIENT_ID)
                .containsEntry("gateway.auth.outcome", "allowed")
                .containsEntry("status", "200");
    }

    @Test
    void spansWhenSecretsSentThenNoneCarriesOne() {
        String token = issuedToken();
        String cookie = "session-cookie-value-4711";
        String queryKey = "query-key-value-0815";
        collector.clear();

        client.get().uri("/api/v3/secret?access_token=" + queryKey).header(RequestId.HEADER, "trace-secrets")
                .headers(h -> h.setBearerAuth(token)).header(HttpHeaders.COOKIE, "session=" + cookie)
                .exchange().expectStatus().isOk().expectBody(String.class);
        client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("api-key", API_KEY)).exchange().expectStatus().isOk().expectBody(String.class);

        String traceId = sentTraceparent().substring(3, 35);
        collector.awaitSpan(span -> span.isClient() && span.traceId().equals(traceId));
        collector.awaitSpan(span -> span.isServer() && "allowed".equals(span.attributes().get("gateway.auth.outcome"))
                && !span.traceId().equals(traceId));
        List<String> values = collector.spans().stream().flatMap(span -> span.attributes().values().stream())
                .toList();
        assertThat(values).isNotEmpty().noneMatch(value -> value.contains(token) || value.contains(cookie)
                || value.contains(queryKey) || value.contains(API_KEY) || value.contains(TestTokens.SECRET));
    }

    @Test
    void prometheusWhenAskedForExemplarsThenRouteTimerNamesATraceOfThatRoute() {
        client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(String.class);

        String scrape = client.get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(tokens.valid().roles("admin").sign()))
                .header(HttpHeaders.ACCEPT, "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        String count = scrape.lines().filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_count")
                && line.contains("routeId=\"public\"")).findFirst().orElseThrow();
        Matcher exemplar = Pattern.compile("# \\{.*trace_id=\"([0-9a-f]{32})\"").matcher(count);
        assertThat(exemplar.find()).as(count).isTrue();
        ReceivedSpan server = collector.awaitSpan(span -> span.isServer() && span.traceId().equals(exemplar.group(1)));
        assertThat(server.attributes()).containsEntry("gateway.route", "public");
        assertThat(scrape).as("the per-request observations are spans only, no timers")
                .doesNotContain("http_server_requests_seconds").doesNotContain("http_client_requests_seconds");
    }

    private String issuedToken() {
        Map<?, ?> body = client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("api-key", API_KEY)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) body.get("data")).get("token");
    }

    private static String sentTraceparent() {
        List<LoggedRequest> requests = backend.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        String traceparent = requests.get(0).getHeader("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        return traceparent;
    }
}
