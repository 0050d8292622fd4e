package io.jwtgateway.gateway.assertion;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Locale;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.verify.JwtJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The assertion with everything configured: an Ed25519 key from a PEM file, as every replica would load it, and a
 * header of another name, which a client cannot send either. Verified with JJWT and the key pair itself.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.assertion.algorithm=EdDSA",
        "gateway.auth.assertion.header-name=" + ConfiguredAssertionTests.HEADER})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ConfiguredAssertionTests {

    static final String HEADER = "X-Gateway-Assertion";
    static final KeyPair KEY = ed25519();

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path keys;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        Path privateKey = PemFiles.writePrivate(keys, "assertion.pem", KEY);
        registry.add("gateway.auth.assertion.private-key", privateKey::toString);
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
    void secretWhenKeyFileConfiguredThenAssertionInConfiguredHeaderVerifiesWithThatKey() {
        String token = tokens.valid().subject("alice").sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        LoggedRequest received = lastRequest("/api/v3/secret");
        assertThat(received.containsHeader("X-Auth-Assertion")).isFalse();
        Jws<Claims> assertion = Jwts.parser().json(JwtJson.reader()).verifyWith(KEY.getPublic()).build()
                .parseSignedClaims(received.getHeader(HEADER));
        assertThat(assertion.getHeader().getType()).isEqualTo("gateway-assertion+jwt");
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo("EdDSA");
        assertThat(assertion.getHeader().getKeyId())
                .isEqualTo(Jwks.builder().key(KEY.getPublic()).idFromThumbprint().build().getId());
        assertThat(assertion.getPayload().getSubject()).isEqualTo("alice");
        assertThat(assertion.getPayload().getAudience()).containsExactly("backend");
    }

    @Test
    void jwksWhenKeyFileConfiguredThenItsPublicKeyPublishedUnderItsThumbprint() {
        String keyId = Jwks.builder().key(KEY.getPublic()).idFromThumbprint().build().getId();

        client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[?(@.kid == '%s')].crv".formatted(keyId)).isEqualTo("Ed25519")
                .jsonPath("$.keys[?(@.kid == '%s')].d".formatted(keyId)).doesNotExist();
    }

    @Test
    void publicRouteWhenClientSendsConfiguredHeaderInAnySpellingThenBackendGetsNone() {
        client.get().uri("/api/v3/public/whoami")
                .header(HEADER, "forged")
                .header("x_gateway_assertion", "forged")
                .header("X-Auth-Assertion", "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(lastRequest("/api/v3/public/whoami").getHeaders().keys())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("assertion"));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();    // as openssl genpkey makes one
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static LoggedRequest lastRequest(String path) {
        List<LoggedRequest> requests = backend.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }
}
