package io.jwtgateway.gateway.assertion;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The identity assertion through the real HTTP path: what a backend receives, verified as a backend would, with the
 * key set the gateway serves and Nimbus JOSE, a verifier of its own.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.assertion.lifetime=4s",
        "gateway.services.billing.assertion.enabled=false",
        "gateway.services.reports.assertion.audience=https://reports.example",
        AssertionTests.ROUTES + "[0].id=secret",
        AssertionTests.ROUTES + "[0].uri=lb://backend",
        AssertionTests.ROUTES + "[0].predicates[0]=Path=/api/v3/secret",
        AssertionTests.ROUTES + "[1].id=public",
        AssertionTests.ROUTES + "[1].uri=lb://backend",
        AssertionTests.ROUTES + "[1].predicates[0]=Path=/api/v3/public/**",
        AssertionTests.ROUTES + "[1].metadata.auth=public",
        AssertionTests.ROUTES + "[2].id=orders",
        AssertionTests.ROUTES + "[2].uri=lb://orders",
        AssertionTests.ROUTES + "[2].predicates[0]=Path=/orders/**",
        AssertionTests.ROUTES + "[3].id=billing",
        AssertionTests.ROUTES + "[3].uri=lb://billing",
        AssertionTests.ROUTES + "[3].predicates[0]=Path=/billing/**",
        AssertionTests.ROUTES + "[4].id=reports",
        AssertionTests.ROUTES + "[4].uri=lb://reports",
        AssertionTests.ROUTES + "[4].predicates[0]=Path=/reports/**",
        AssertionTests.ROUTES + "[5].id=quiet",
        AssertionTests.ROUTES + "[5].uri=lb://orders",
        AssertionTests.ROUTES + "[5].predicates[0]=Path=/quiet/**",
        AssertionTests.ROUTES + "[5].metadata.assertion=false"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class AssertionTests {

    static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";
    static final String HEADER = "X-Auth-Assertion";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        for (String service : List.of("orders", "billing", "reports")) {
            registry.add("gateway.services." + service + ".uris", backend::baseUrl);
        }
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
    void secretWhenTokenValidThenAssertionVerifiesWithGatewayKeySetForBackend() throws Exception {
        String token = tokens.valid().subject("alice").roles("user", "admin").claim("scope", "orders:read")
                .claim("client_id", "reporting").claim("jti", "token-1").sign();

        String assertion = assertionReceived("/api/v3/secret", token);

        SignedJWT jwt = verified(assertion);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("gateway-assertion+jwt"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly("backend");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("user", "admin");
        assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("reporting");
        assertThat(claims.getStringClaim("token_jti")).isEqualTo("token-1");
        assertThat(claims.getJWTID()).isNull();
    }

    @Test
    void serviceWhenRequestedThenAudienceIsServiceNameOrConfiguredAudience() throws Exception {
        String token = tokens.valid().sign();

        assertThat(verified(assertionReceived("/orders/1", token)).getJWTClaimsSet().getAudience())
                .containsExactly("orders");
        assertThat(verified(assertionReceived("/reports/1", token)).getJWTClaimsSet().getAudience())
                .containsExactly("https://reports.example");
    }

    @Test
    void serviceWhenTokenLivesLongThenAssertionExpiresAfterConfiguredLifetime() throws Exception {
        String token = tokens.valid().expiresAt(Instant.now().plus(Duration.ofMinutes(5))).sign();

        JWTClaimsSet claims = verified(assertionReceived("/orders/2", token)).getJWTClaimsSet();

        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void serviceWhenTokenExpiresFirstThenAssertionExpiresWithToken() throws Exception {
        Instant tokenExpiry = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = tokens.valid().expiresAt(tokenExpiry).sign();

        JWTClaimsSet claims = verified(assertionReceived("/orders/3", token)).getJWTClaimsSet();

        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(tokenExpiry);
    }

    @Test
    void serviceWhenAssertionTurnedOffThenBackendGetsNone() {
        String token = tokens.valid().sign();

        assertThat(assertionReceived("/billing/1", token)).isNull();
        assertThat(assertionReceived("/quiet/1", token)).isNull();
    }

    @Test
    void publicRouteWhenClientSendsAssertionThenBackendGetsNone() {
        client.get().uri("/api/v3/public/whoami")
                .header(HEADER, "forged")
                .header("x_auth_assertion", "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        LoggedRequest received = lastRequest("/api/v3/public/whoami");
        assertThat(received.getHeaders().keys()).noneMatch(name -> name.toLowerCase().contains("assertion"));
    }

    @Test
    void secretWhenClientSendsAssertionThenBackendGetsOnlyTheGatewaysOwn() throws Exception {
        String token = tokens.valid().sign();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).header(HEADER, "forged")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        List<String> values = lastRequest("/api/v3/secret").header(HEADER).values();
        assertThat(values).hasSize(1);
        verified(values.get(0));
    }

    @Test
    void serviceWhenRequestedAgainThenSameAssertionUntilHalfItsLifetimeThenANewOne() {
        String token = tokens.valid().expiresAt(Instant.now().plus(Duration.ofMinutes(5))).sign();
        String first = assertionReceived("/orders/4", token);

        assertThat(assertionReceived("/orders/4", token)).isEqualTo(first);
        assertThat(assertionReceived("/reports/4", token)).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> !first.equals(assertionReceived("/orders/4", token)));
    }

    @Test
    void secretWhenAssertionSentAsBearerTokenThenInvalidTokenAndBackendUntouched() {
        String assertion = assertionReceived("/api/v3/secret", tokens.valid().sign());
        backend.resetRequests();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(assertion)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""))
                .expectBody(Void.class);

        assertThat(backend.findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/v3/secret")))).isEmpty();
    }

    @Test
    void secretWhenTokenRevokedAfterAnAssertionThenRefusedAndBackendUntouched() {
        String token = tokens.valid().sign();
        assertThat(assertionReceived("/api/v3/secret", token)).isNotNull();
        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        backend.resetRequests();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        assertThat(backend.findAll(WireMock.getRequestedFor(urlPathMatching("/api/v3/.*")))).isEmpty();
    }

    private @Nullable String assertionReceived(String path, String token) {
        client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        LoggedRequest received = lastRequest(path);
        return received.containsHeader(HEADER) ? received.getHeader(HEADER) : null;
    }

    private static LoggedRequest lastRequest(String path) {
        List<LoggedRequest> requests = backend.findAll(WireMock.getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    /** Verified as a backend would: the key the header names, from the key set the gateway serves. */
    private SignedJWT verified(String assertion) throws Exception {
        byte[] body = client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JWKSet keys = JWKSet.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        SignedJWT jwt = SignedJWT.parse(assertion);
        JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the assertion's key in the gateway's JWKS").isInstanceOf(ECKey.class);
        assertThat(jwt.verify(new ECDSAVerifier(key.toECKey()))).isTrue();
        return jwt;
    }
}
