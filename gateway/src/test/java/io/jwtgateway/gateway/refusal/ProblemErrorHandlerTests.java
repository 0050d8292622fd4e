package io.jwtgateway.gateway.refusal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.testing.AccessLines;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What a client gets for a request nothing serves, or one that fails where no other handler answers: the RFC 9457
 * problem detail of every other refusal, with the request id, never Spring Boot's error JSON or HTML page, and never
 * an exception's message.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.access-log.output=logger"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ProblemErrorHandlerTests {

    static final String FAILING = "/test/failing";
    static final String QUOTED_INPUT = "message-that-quotes-the-request-4711";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    /** An endpoint with a bug: it fails with an exception whose message quotes the request. */
    @TestConfiguration
    static class FailingEndpoint {

        @Bean
        RouterFunction<ServerResponse> failingRoutes() {
            return RouterFunctions.route(RequestPredicates.GET(FAILING),
                    request -> Mono.error(new IllegalStateException("failed on " + QUOTED_INPUT)));
        }
    }

    @Autowired
    WebTestClient client;

    final AccessLines accessLines = new AccessLines();

    @BeforeEach
    void keepAccessLines() {
        accessLines.attach();
    }

    @AfterEach
    void backendNeverReached() {
        accessLines.detach();
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void unknownPathWhenRequestedThenNotFoundProblemWithTheRequestId() {
        client.get().uri("/api/v3/nowhere").header(RequestId.HEADER, "not-found-1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(RequestId.HEADER, "not-found-1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No route or endpoint serves this path")
                .jsonPath("$.instance").isEqualTo("/api/v3/nowhere")
                .jsonPath("$.request_id").isEqualTo("not-found-1")
                .jsonPath("$.timestamp").doesNotExist()
                .jsonPath("$.path").doesNotExist()
                .jsonPath("$.requestId").doesNotExist();

        assertThat(accessLines.of("not-found-1")).contains(" path=/api/v3/nowhere route=- status=404 ")
                .endsWith(" outcome=- subject=-");
    }

    @Test
    void unknownPathWhenBrowserAsksForHtmlThenTheSameProblem() {
        client.get().uri("/nowhere.html").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/nowhere.html");
    }

    @Test
    void healthWhenDeletedThenMethodNotAllowedProblemNamingTheAllowedMethods() {
        client.delete().uri("/actuator/health").header(RequestId.HEADER, "wrong-method-1").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET"))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(405)
                .jsonPath("$.detail").isEqualTo("This path does not take this method")
                .jsonPath("$.request_id").isEqualTo("wrong-method-1");

        assertThat(accessLines.of("wrong-method-1")).contains(" path=/actuator/health route=- status=405 ");
    }

    @Test
    void endpointWhenItFailsThenInternalServerErrorProblemWithoutTheExceptionsMessage() {
        String body = client.get().uri(FAILING).header(RequestId.HEADER, "failed-1").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"status\":500", "\"detail\":\"The gateway failed to answer this request\"",
                "\"request_id\":\"failed-1\"")
                .doesNotContain(QUOTED_INPUT, "IllegalStateException", "trace", "at io.");
        assertThat(accessLines.of("failed-1")).contains(" path=" + FAILING + " route=" + FAILING + " status=500 ");
    }
}
