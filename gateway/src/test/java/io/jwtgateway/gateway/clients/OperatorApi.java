package io.jwtgateway.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import io.jwtgateway.gateway.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator API and the token endpoints as a test drives them: on the main port with an admin token (or on the
 * management port without one), asserting that each change succeeds.
 */
final class OperatorApi {

    static final String CLIENTS = "/actuator/clients";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;
    private final @Nullable String adminToken;

    OperatorApi(WebTestClient client, @Nullable String adminToken) {
        this.client = client;
        this.adminToken = adminToken;
    }

    /** With an admin token of subject {@code admin}, as the main port needs. */
    static OperatorApi onMainPort(WebTestClient client) {
        return new OperatorApi(client, new TestTokens().valid().subject("operator-alice").roles("admin").sign());
    }

    Consumer<HttpHeaders> admin() {
        return headers -> {
            if (adminToken != null) {
                headers.setBearerAuth(adminToken);
            }
        };
    }

    /** Creates a client from {@code body}, a JSON object; the answer, {@code api_key} included. */
    JsonNode create(String body) {
        return JSON.readTree(client.post().uri(CLIENTS).headers(admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
    }

    JsonNode read(String clientId) {
        return JSON.readTree(client.get().uri(CLIENTS + "/" + clientId).headers(admin()).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    JsonNode patch(String clientId, String body) {
        return JSON.readTree(client.patch().uri(CLIENTS + "/" + clientId).headers(admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    void delete(String clientId) {
        client.delete().uri(CLIENTS + "/" + clientId).headers(admin()).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
    }

    /** Adds a key; the answer, {@code api_key} included. */
    JsonNode addKey(String clientId) {
        return JSON.readTree(client.post().uri(CLIENTS + "/" + clientId + "/keys").headers(admin()).exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
    }

    JsonNode revokeKey(String clientId, String keyId) {
        return JSON.readTree(client.delete().uri(CLIENTS + "/" + clientId + "/keys/" + keyId).headers(admin())
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    /** A token for the key from {@code /api/v3/auth}. */
    String token(String apiKey) {
        JsonNode body = JSON.readTree(client.post().uri("/api/v3/auth").header("X-API-Key", apiKey).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        String token = body.get("data").get("token").asString();
        assertThat(token).isNotBlank();
        return token;
    }

    /** The status {@code /api/v3/auth} answers the key with. */
    int tokenStatus(String apiKey) {
        return client.post().uri("/api/v3/auth").header("X-API-Key", apiKey).exchange()
                .expectBody().returnResult().getStatus().value();
    }
}
