package io.jwtgateway.gateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RevocationEndpointsTests {

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

    @Autowired
    WebTestClient client;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void logoutWhenOwnTokenThenTokenRefusedAfterwards() {
        String token = tokens.valid().sign();
        secret(token).expectStatus().isOk().expectBody(Void.class);

        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.message").isEqualTo("Your token is revoked");

        backend.resetRequests();
        secret(token).expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        v -> assertThat(v).contains("error=\"invalid_token\"").contains("revoked"))
                .expectBody(Void.class);
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void logoutWhenNoTokenThenUnauthorizedWithChallenge() {
        client.post().uri("/api/v3/auth/revoke").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"jwt-gateway\"")
                .expectBody(Void.class);
    }

    @Test
    void logoutWhenTokenInvalidThenUnauthorized() {
        String forged = tokens.valid().signedWith("another-secret-that-is-at-least-32-bytes").sign();

        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(forged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("invalid_token"))
                .expectBody(Void.class);
    }

    @Test
    void logoutWhenOtherTokenStillValidThenOnlyRevokedOneRefused() {
        String revoked = tokens.valid().sign();
        String other = tokens.valid().sign();

        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(revoked)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        secret(other).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void revokeWhenTokenInFormThenRefusedAfterwards() {
        String token = tokens.valid().sign();

        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token + "&token_type_hint=access_token").exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        secret(token).expectStatus().isUnauthorized().expectBody(Void.class);
    }

    @Test
    void revokeWhenTokenInvalidThenStillOk() {
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=not.a.token").exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void revokeWhenTokenParameterMissingThenInvalidRequest() {
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token_type_hint=access_token").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void revokeWhenJsonBodyThenInvalidRequest() {
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"x\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void revokeWhenParameterRepeatedThenInvalidRequest() {
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=a.b.c&token=d.e.f").exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);
    }

    @Test
    void revokeWhenGetThenMethodNotAllowed() {
        client.get().uri("/oauth2/revoke").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "POST")
                .expectBody(Void.class);
    }

    @Test
    void introspectWhenAdminAsksAboutActiveTokenThenClaims() {
        String admin = tokens.valid().subject("root").roles("admin").sign();
        String token = tokens.valid().subject("alice").roles("user").claim("jti", "t-1")
                .claim("scope", "orders:read orders:write").sign();

        introspect(admin, token).expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.sub").isEqualTo("alice")
                .jsonPath("$.jti").isEqualTo("t-1")
                .jsonPath("$.iss").isEqualTo(TestTokens.ISSUER)
                .jsonPath("$.scope").isEqualTo("orders:read orders:write")
                .jsonPath("$.roles[0]").isEqualTo("user")
                .jsonPath("$.exp").isNumber()
                .jsonPath("$.iat").isNumber();
    }

    @Test
    void introspectWhenTokenRevokedThenInactive() {
        String admin = tokens.valid().roles("admin").sign();
        String token = tokens.valid().sign();
        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        introspect(admin, token).expectStatus().isOk()
                .expectBody().json("{\"active\":false}", true);
    }

    @Test
    void introspectWhenTokenExpiredThenInactive() {
        String admin = tokens.valid().roles("admin").sign();
        String expired = tokens.valid().expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        introspect(admin, expired).expectStatus().isOk()
                .expectBody().json("{\"active\":false}", true);
    }

    @Test
    void introspectWhenCallerLacksAdminRoleThenForbidden() {
        String user = tokens.valid().roles("user").sign();

        introspect(user, tokens.valid().sign()).expectStatus().isForbidden()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("insufficient_scope"))
                .expectBody(Void.class);
    }

    @Test
    void introspectWhenNoCallerTokenThenUnauthorized() {
        client.post().uri("/oauth2/introspect").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + tokens.valid().sign()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    private WebTestClient.ResponseSpec secret(String token) {
        return client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec introspect(String caller, String token) {
        return client.post().uri("/oauth2/introspect").headers(h -> h.setBearerAuth(caller))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange();
    }
}
