package io.jwtgateway.gateway.management;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The production setup: {@code management.server.port} set, so the operator endpoints are served on that port only,
 * without a token (the port is kept off the public network), and the main port keeps just {@code /livez} and
 * {@code /readyz}.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "management.server.port=0"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ManagementPortTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> dataDir.toString());       // the routes added here
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient main;

    @LocalManagementPort
    int managementPort;

    final TestTokens tokens = new TestTokens();

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/info", "/actuator/health", "/actuator/health/readiness",
            "/actuator/health/liveness"})
    void operatorEndpointWhenManagementPortSetThenServedThereWithoutToken(String path) {
        management().get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/metrics", "/actuator/info", "/actuator/health", "/actuator/health/readiness",
            "/actuator/gateway/routes"})
    void operatorEndpointWhenManagementPortSetThenAbsentFromMainPortEvenForAdmin(String path) {
        String admin = tokens.valid().roles("admin").sign();

        main.get().uri(path).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void probeWhenManagementPortSetThenStillAnsweredOnMainPort(String path) {
        main.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void healthWhenManagementPortSetThenDetailsThereForOperators() {
        String instance = backend.baseUrl().substring("http://".length());

        management().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.services.status").isEqualTo("UP")
                .jsonPath("$.components.services.details.backend.instances['" + instance + "']").isEqualTo("up")
                .jsonPath("$.components.services.details.backend.takingRequests").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/livez", "/readyz"})
    void probeWhenManagementPortSetThenStatusOnlyOnMainPort(String path) {
        main.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.details").doesNotExist();
    }

    @Test
    void unknownPathWhenOnManagementPortThenNotFoundProblemWithTheRequestId() {
        management().get().uri("/actuator/nowhere").header(RequestId.HEADER, "management-404-1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(RequestId.HEADER, "management-404-1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/actuator/nowhere")
                .jsonPath("$.request_id").isEqualTo("management-404-1");
    }

    @Test
    void routeWhenAddedOnTheManagementPortThenServedOnTheMainPortAndRemovedThere() {
        backend.stubFor(get("/ledger/1").willReturn(ok("from backend")));
        management().post().uri("/actuator/gateway/routes/ledger").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/ledger/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);

        main.get().uri("/ledger/1").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        management().delete().uri("/actuator/gateway/routes/ledger").exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        main.get().uri("/ledger/1").exchange()
                .expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void routeWhenBadOnTheManagementPortThenProblemListingEachFault() {
        management().post().uri("/actuator/gateway/routes/ledger").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://ledger", "predicates": ["Path=/ledger/**"], "metadata": {"auth": "open"}}""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].pointer").value(names -> assertThat((List<String>) names)
                        .containsExactlyInAnyOrder("#/uri", "#/metadata/auth"));
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }
}
