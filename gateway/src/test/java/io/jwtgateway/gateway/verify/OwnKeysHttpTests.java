package io.jwtgateway.gateway.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway signing with its own RS256 key from a PEM file, an ES256 key retired but still listed: tokens it issues
 * over HTTP carry the key's thumbprint and open authenticated routes, and forged tokens never reach the backend.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class OwnKeysHttpTests {

    static final String API_KEY = "test-api-key";
    static final String API_KEY_SHA256 = "4c806362b613f7496abf284146efd31da90e4b16169fe001841ca17290f427c4";

    static final KeyPair gatewayKey = KeyFiles.rsa(2048);
    static final KeyPair retiredKey = KeyFiles.ec("secp256r1");
    static final KeyPair attackerKey = KeyFiles.rsa(2048);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static Path publicKeyFile;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        backend.start();
        Path dir = Files.createTempDirectory("own-keys");
        dir.toFile().deleteOnExit();
        Path privateKey = PemFiles.writePrivate(dir, "gateway.pem", gatewayKey);
        Path retired = PemFiles.writePublic(dir, "retired.pub.pem", retiredKey);
        publicKeyFile = PemFiles.writePublic(dir, "gateway.pub.pem", gatewayKey);
        List.of(privateKey, retired, publicKeyFile).forEach(file -> file.toFile().deleteOnExit());
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.signing.algorithm", () -> "RS256");
        registry.add("gateway.auth.signing.private-key", privateKey::toString);
        registry.add("gateway.auth.signing.previous-public-keys[0]", retired::toString);
        registry.add("gateway.auth.api-keys[0].sha256", () -> API_KEY_SHA256);
        registry.add("gateway.auth.api-keys[0].subject", () -> "reporting-service");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void authWhenApiKeyPostedThenTokenNamesJwtRs256AndKeyThumbprint() {
        String token = issuedToken();

        assertThat(KeyFiles.header(token))
                .containsEntry("typ", "JWT")
                .containsEntry("alg", "RS256")
                .containsEntry("kid", KeyFiles.thumbprint(gatewayKey.getPublic()));
        assertThat(
                Jwts.parser().json(JwtJson.reader()).verifyWith(gatewayKey.getPublic()).build().parseSignedClaims(token)
                        .getPayload().getSubject())
                .isEqualTo("reporting-service");
    }

    @Test
    void secretWhenIssuedTokenPresentedThenForwardedWithSubject() {
        String token = issuedToken();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        assertThat(onlyRequest().getHeader("X-Auth-Subject")).isEqualTo("reporting-service");
    }

    @Test
    void secretWhenSignedByRetiredEs256KeyThenForwarded() {
        String token = tokens.valid().algorithm("ES256").header("kid", KeyFiles.thumbprint(retiredKey.getPublic()))
                .subject("old-client").signedWith(retiredKey.getPrivate()).sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(onlyRequest().getHeader("X-Auth-Subject")).isEqualTo("old-client");
    }

    @Test
    void secretWhenSignedByUnknownKeyThenSigningKeyUnknownAndBackendUntouched() {
        String token = tokens.valid().algorithm("RS256").header("kid", KeyFiles.thumbprint(attackerKey.getPublic()))
                .signedWith(attackerKey.getPrivate()).sign();

        assertRefused(token, "The token signing key is unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void secretWhenAlgNoneThenInvalidTokenAndBackendUntouched(String none) {
        String[] genuine = genuine().sign().split("\\.");
        String noneHeader = genuine().algorithm(none).sign().split("\\.")[0];

        assertRefused(noneHeader + "." + genuine[1] + ".");
        assertRefused(noneHeader + "." + genuine[1] + "." + genuine[2]);
    }

    @Test
    void secretWhenHs256KeyedWithPublicKeyPemThenInvalidTokenAndBackendUntouched() throws IOException {
        String pem = Files.readString(publicKeyFile, US_ASCII);
        String token = genuine().algorithm("HS256").signedWith(pem).sign();

        assertRefused(token);
    }

    @Test
    void secretWhenJkuPointsAtAttackerJwksThenInvalidTokenAndNothingFetched() {
        Map<String, Object> jwk = new TreeMap<>(Jwks.builder().key(attackerKey.getPublic()).idFromThumbprint().build());
        String token = tokens.valid().algorithm("RS256").header("jku", backend.url("/.well-known/jwks.json"))
                .header("kid", jwk.get("kid")).signedWith(attackerKey.getPrivate()).sign();

        assertRefused(token);                           // the backend doubles as the attacker's JWKS host
    }

    @Test
    void secretWhenJwkHeaderHoldsAttackerKeyThenInvalidTokenAndBackendUntouched() {
        Map<String, Object> jwk = new TreeMap<>(Jwks.builder().key(attackerKey.getPublic()).build());
        String token = tokens.valid().algorithm("RS256").header("jwk", jwk).signedWith(attackerKey.getPrivate()).sign();

        assertRefused(token);
    }

    @Test
    void secretWhenTypeIsAccessTokenJwtThenInvalidTokenAndBackendUntouched() {
        assertRefused(genuine().header("typ", "at+jwt").sign(), "The token type is not accepted");
    }

    @Test
    void secretWhenBodyTokenOverMaxBytesThenTooLargeAndBackendUntouched() {
        String token = genuine().claim("pad", "x".repeat(8 * 1024)).sign();

        client.post().uri("/api/v3/secret").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(Map.of("token", token))).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .contains("error=\"invalid_token\"", "error_description=\"The token is too large\""))
                .expectBody(Void.class);

        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    /** A token this gateway accepts, built by hand so a test can change one thing. */
    private TestTokens.Builder genuine() {
        return tokens.valid().algorithm("RS256").header("kid", KeyFiles.thumbprint(gatewayKey.getPublic()))
                .signedWith(gatewayKey.getPrivate());
    }

    private String issuedToken() {
        byte[] body = client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\": \"" + API_KEY + "\"}").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).get("data").get("token").asString();
    }

    private void assertRefused(String token) {
        assertRefused(token, null);
    }

    private void assertRefused(String token, @Nullable String description) {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, challenge -> {
                    assertThat(challenge).contains("error=\"invalid_token\"");
                    if (description != null) {
                        assertThat(challenge).contains("error_description=\"" + description + "\"");
                    }
                })
                .expectBody(Void.class);

        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
