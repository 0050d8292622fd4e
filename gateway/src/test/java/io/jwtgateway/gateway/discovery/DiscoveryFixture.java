package io.jwtgateway.gateway.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Base64;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the discovery tests share: one configured API key and the tokens it obtains from {@code /api/v3/auth}, and a
 * gateway listening at the URL that is its issuer.
 */
final class DiscoveryFixture {

    static final String API_KEY = "discovery-test-api-key";
    static final String API_KEY_SHA256 = "13c8e134bba2707c073615eeb0b0de80592b341761ca2cbceb9e0e5eda2f6ad2";
    static final String SUBJECT = "reporting-service";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DiscoveryFixture() {
    }

    /** Configures {@link #API_KEY} for {@link #SUBJECT}, with roles {@code user} and {@code admin}. */
    static void configureApiKey(DynamicPropertyRegistry registry) {
        registry.add("gateway.auth.api-keys[0].sha256", () -> API_KEY_SHA256);
        registry.add("gateway.auth.api-keys[0].subject", () -> SUBJECT);
        registry.add("gateway.auth.api-keys[0].roles", () -> "user,admin");
    }

    /** Makes {@code gateway.auth.issuer} the URL the gateway listens at: {@code http://localhost:<free port>}. */
    static void listenAtIssuerUrl(DynamicPropertyRegistry registry) {
        int port = freePort();
        registry.add("server.port", () -> port);
        registry.add("gateway.auth.issuer", () -> "http://localhost:" + port);
    }

    /**
     * Serves each discovery request once. Spring Security's blocking decoder reads with Nimbus's 500 ms timeout, which
     * the very first requests to a gateway that just started can exceed on a loaded machine.
     */
    static void warmUp(WebTestClient client) {
        client.get().uri("/.well-known/openid-configuration").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
        client.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk()
                .expectBody(Void.class);
        client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    static String issue(WebTestClient client) {
        byte[] body = client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).get("data").get("token").asString();
    }

    static JsonNode header(String token) {
        String encoded = token.substring(0, token.indexOf('.'));
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(encoded), UTF_8));
    }

    static JsonNode json(byte[] body) {
        return JSON.readTree(body);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
