package io.jwtgateway.gateway.clients;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The operator API with {@code management.server.port} set: served there, without a token (the port is kept off the
 * public network), and absent from the main port, whoever asks.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "management.server.port=0"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class ClientsApiManagementPortTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> DataDirs.fresh("clients-mgmt"));
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient main;

    @LocalManagementPort
    int managementPort;

    @Test
    void createWhenOnManagementPortThenServedWithoutTokenAndAuditedAsTheManagementPort(CapturedOutput output) {
        OperatorApi api = new OperatorApi(management(), null);

        String apiKey = api.create("{\"client_id\": \"mgmt-1\"}").get("api_key").asString();

        assertThat(new OperatorApi(main, null).token(apiKey)).isNotBlank();
        assertThat(output.getAll())
                .containsPattern("actor=management-port action=client_created request_id=[0-9a-f-]{36}");
    }

    @Test
    void clientsWhenAskedOnMainPortThenNotFoundEvenForAdmin() {
        String admin = new TestTokens().valid().roles("admin").sign();

        main.get().uri(OperatorApi.CLIENTS).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound()
                .expectBody().returnResult();
        main.post().uri(OperatorApi.CLIENTS).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client_id\": \"main-1\"}").exchange()
                .expectStatus().isNotFound()
                .expectBody().returnResult();
        management().get().uri(OperatorApi.CLIENTS + "/main-1").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("client_not_found");
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }
}
