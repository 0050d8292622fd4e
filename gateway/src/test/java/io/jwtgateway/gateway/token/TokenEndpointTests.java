package io.jwtgateway.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.api-keys[0].sha256=" + TokenEndpointTests.API_KEY_SHA256,
        "gateway.auth.api-keys[0].subject=reporting-service",
        "gateway.auth.api-keys[0].roles=user,admin",
        "gateway.auth.api-keys[1].sha256=" + TokenEndpointTests.OTHER_KEY_SHA256,
        "gateway.auth.api-keys[1].subject=other-service",
        "gateway.rate-limit.auth-endpoints.enabled=false"})      // dozens of calls a second; ratelimit tests it
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class TokenEndpointTests {

    static final String API_KEY = "test-api-key";
    static final String API_KEY_SHA256 = "4c806362b613f7496abf284146efd31da90e4b16169fe001841ca17290f427c4";
    static final String OTHER_KEY = "admin-api-key";
    static final String OTHER_KEY_SHA256 = "DAED94772D0C7FF44878246E66F4D26F087DD12CF0B11C1D5C04628E433F9495";

    @Autowired
    WebTestClient client;

    @Autowired
    TokenVerifier verifier;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void postWhenApiKeyRightThenTokenInSeedEnvelope() {
        Instant before = Instant.now().minusSeconds(1);

        byte[] body = client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\": \"" + API_KEY + "\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.data.code").isEqualTo(200)
                .jsonPath("$.data.message").isEqualTo("Your token is created successfully")
                .jsonPath("$.data.token_type").isEqualTo("Bearer")
                .jsonPath("$.data.expires_in").isEqualTo(180)
                .returnResult().getResponseBody();

        JsonNode data = json.readTree(body).get("data");
        Instant expirationAt = Instant.parse(data.get("expiration_at").asString());
        assertThat(expirationAt).isBetween(before.plus(Duration.ofMinutes(3)),
                Instant.now().plus(Duration.ofMinutes(3)));
        VerifiedToken token = verifier.verify(data.get("token").asString()).block();
        assertThat(token.subject()).isEqualTo("reporting-service");
        assertThat(token.roles()).containsExactly("user", "admin");
        assertThat(token.expiresAt()).isEqualTo(expirationAt);
    }

    @Test
    void getWhenJsonBodyCarriesKeyThenToken() {
        client.method(HttpMethod.GET).uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\":\"" + API_KEY + "\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.token").isNotEmpty();
    }

    @Test
    void postWhenApiKeyHeaderAndNoBodyThenToken() {
        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.token").isNotEmpty();
    }

    @Test
    void postWhenSecondConfiguredKeyWithUpperCaseHashThenTokenForItsSubject() {
        byte[] body = client.post().uri("/api/v3/auth").header("X-API-Key", OTHER_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();

        String token = json.readTree(body).get("data").get("token").asString();
        assertThat(verifier.verify(token).block().subject()).isEqualTo("other-service");
        assertThat(verifier.verify(token).block().roles()).isEmpty();
    }

    @Test
    void postWhenTwoTokensIssuedThenTokenIdsDiffer() {
        String first = tokenId();
        String second = tokenId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void postWhenApiKeyWrongThenUnauthorizedEnvelope() {
        client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\": \"wrong-key\"}").exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.data.code").isEqualTo(401)
                .jsonPath("$.data.message").isEqualTo("invalid api key")
                .jsonPath("$.data.token").doesNotExist();
    }

    @Test
    void postWhenApiKeyHeaderWrongThenUnauthorized() {
        client.post().uri("/api/v3/auth").header("X-API-Key", "wrong-key").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.data.message").isEqualTo("invalid api key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",                                       // no key
            "{\"api-key\": \"\"}",                      // empty key
            "{\"api-key\": 123}",                       // wrong type
            "{\"api-key\": null}",
            "{\"api-key\": [\"test-api-key\"]}",
            "{\"api-key\": {\"k\": \"test-api-key\"}}",
            "{\"apikey\": \"test-api-key\"}",           // misspelt field
            "[\"test-api-key\"]",                       // not an object
            "\"test-api-key\"",
            "{\"api-key\":\"test-api-key\"}}{",         // trailing content
            "{\"api-key\":\"test-api-key\"} {}",
            "{\"api-key\":\"wrong\",\"api-key\":\"test-api-key\"}",   // duplicate keys
            "{\"api-key\":",                            // truncated
            "{'api-key':'test-api-key'}",               // not JSON
            "api-key=test-api-key"})
    void postWhenBodyIsBadThenBadRequestEnvelope(String body) {
        client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.data.code").isEqualTo(400)
                .jsonPath("$.data.message").isNotEmpty()
                .jsonPath("$.data.token").doesNotExist();
    }

    @Test
    void postWhenNoBodyAndNoHeaderThenBadRequest() {
        client.post().uri("/api/v3/auth").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.data.message").value(m -> assertThat((String) m).contains("missing api key"));
    }

    @Test
    void postWhenBodyOver16KiBThenBadRequest() {
        String body = "{\"api-key\":\"" + API_KEY + "\",\"pad\":\"" + "x".repeat(16 * 1024) + "\"}";

        client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.data.code").isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json; charset=x-bogus", "application/json; charset=\"",
            "*/*", "application/*", "text/json"})
    void postWhenContentTypeIsMalformedOrNotJsonThenBadRequestEnvelope(String contentType) throws IOException {
        String response = RawHttp.exchange(port, "POST", "/api/v3/auth", "{\"api-key\":\"" + API_KEY + "\"}",
                "Content-Type: " + contentType);

        assertThat(response).startsWith("HTTP/1.1 400")
                .contains("{\"data\":{\"code\":400,\"message\":\"Content-Type must be application/json\","
                        + "\"error\":\"invalid_request\",\"request_id\":\"");
    }

    @Test
    void postWhenContentTypeIsNotJsonThenBadRequest() {
        client.post().uri("/api/v3/auth").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{\"api-key\":\"" + API_KEY + "\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.data.message").isEqualTo("Content-Type must be application/json");
    }

    @Test
    void postWhenFormEncodedThenBadRequest() {
        client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("api-key=" + API_KEY).exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);
    }

    @Test
    void postWhenKeyInHeaderAndBodyThenBadRequest() {
        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\":\"" + API_KEY + "\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);
    }

    @Test
    void postWhenTwoApiKeyHeadersThenBadRequest() {
        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY, OTHER_KEY).exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);
    }

    @Test
    void putWhenCalledThenMethodNotAllowedEnvelope() {
        client.put().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("GET").contains("POST"))
                .expectBody().jsonPath("$.data.code").isEqualTo(405);
    }

    private String tokenId() {
        byte[] body = client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return verifier.verify(json.readTree(body).get("data").get("token").asString()).block().tokenId();
    }
}
