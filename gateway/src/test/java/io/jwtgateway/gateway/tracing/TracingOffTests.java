package io.jwtgateway.gateway.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Without an OTLP endpoint there is no tracing at all: no server or backend observation on the request path, no
 * {@code traceparent} of the gateway's own, no trace id in error bodies. A client's {@code traceparent} passes
 * through untouched, as through any proxy.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
class TracingOffTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stop() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @Test
    void noEndpointWhenStartedThenNothingTracesRequests() {
        assertThat(context.getEnvironment().getProperty(TracingSwitch.ENABLED)).isEqualTo("false");
        assertThat(context.getBeanNamesForType(SampledFlagGuard.class)).isEmpty();
        assertThat(context.getBeanNamesForType(
                org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter.class))
                .isEmpty();
    }

    @Test
    void noEndpointWhenRequestsPassThenNoTraceHeaderOrIdOfTheGatewaysOwn() {
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        String clients = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(String.class);
        client.get().uri("/api/v3/home").header("traceparent", clients)
                .exchange().expectStatus().isOk().expectBody(String.class);
        Map<String, Object> problem = client.get().uri("/api/v3/secret").exchange().expectStatus().isUnauthorized()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult()
                .getResponseBody();

        var sent = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent.get(0).getHeader("traceparent")).isNull();
        assertThat(sent.get(1).getHeader("traceparent")).isEqualTo(clients);
        assertThat(problem).containsKey("request_id").doesNotContainKey("trace_id");
    }
}
