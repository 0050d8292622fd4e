package io.jwtgateway.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's flow, as a user meets it: the real sample backend and the real gateway jar, the demo API key the
 * gateway prints, and a token that really expires (a 3-second lifetime with no clock skew).
 */
class TokenFlowIT {

    static final Pattern DEMO_KEY = Pattern.compile("Demo API key: (\\S+)");

    static JarProcess backend;
    static JarProcess gateway;
    static WebTestClient client;
    static String demoKey;

    @BeforeAll
    static void startStack() throws InterruptedException {
        int backendPort = JarProcess.freePort();
        int gatewayPort = JarProcess.freePort();
        backend = JarProcess.start(JarProcess.jar("sample-backend.jar"), Map.of("INSTANCE_ID", "backend-e2e"),
                "--server.port=" + backendPort);
        gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(),
                "--server.port=" + gatewayPort,
                "--gateway.backend.uris=http://127.0.0.1:" + backendPort,
                "--gateway.auth.token-ttl=3s",
                "--gateway.auth.clock-skew=0s");
        backend.awaitHttpOk("http://127.0.0.1:" + backendPort + "/actuator/health");
        gateway.awaitHttpOk("http://127.0.0.1:" + gatewayPort + "/actuator/health");
        demoKey = gateway.find(DEMO_KEY).orElseThrow(() -> new AssertionError("no demo key printed"));
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + gatewayPort)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void seedFlowWhenWalkedThroughThenEveryStepBehavesAsTheReadmeSays() throws InterruptedException {
        client.get().uri("/api/v3/home").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Backend-Instance", "backend-e2e")
                .expectBody(String.class).isEqualTo("hello world");

        client.get().uri("/api/v3/secret").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectBody(Void.class);

        String token = issueToken();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("Opps, it's sensitive data :("));

        client.get().uri("/api/v3/whoami").headers(h -> h.setBearerAuth(token))
                .header("X-Auth-Subject", "mallory").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.instance").isEqualTo("backend-e2e")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("demo")
                .jsonPath("$.headers['x-auth-roles']").isEqualTo("user")
                .jsonPath("$.headers['x-auth-token-id']").isNotEmpty()
                .jsonPath("$.headers['x-auth-expires-at']").isNotEmpty();

        client.get().uri("/api/v3/admin").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        awaitExpiry(token);
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("The token has expired"))
                .expectBody(Void.class);
    }

    @Test
    void seedClientWhenTokenSentInJsonBodyOfGetThenSecretServed() {
        String token = issueToken();

        client.method(org.springframework.http.HttpMethod.GET).uri("/api/v3/secret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"token\": \"" + token + "\"}").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("Opps"));
    }

    @Test
    void publicWhoamiWhenIdentityHeadersSpoofedThenBackendSeesNone() {
        client.get().uri("/api/v3/public/whoami").header("X-Auth-Subject", "mallory")
                .header("X_Auth_Roles", "admin").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers").isEmpty();
    }

    private static String issueToken() {
        byte[] body = client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\": \"" + demoKey + "\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.message").isEqualTo("Your token is created successfully")
                .returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body).get("data").get("token").asString();
    }

    /** Sleeps past the token's {@code exp}: three seconds at most, with a second's margin for whole-second claims. */
    private static void awaitExpiry(String token) throws InterruptedException {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        long exp = JsonMapper.builder().build().readTree(payload).get("exp").asLong();
        Duration wait = Duration.between(Instant.now(), Instant.ofEpochSecond(exp + 1));
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
    }
}
