package io.jwtgateway.gateway.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DpopClient;
import io.jwtgateway.gateway.testing.IdentityProvider;
import io.jwtgateway.gateway.testing.IdentityProvider.SigningKey;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens of an external identity provider ({@code gateway.auth.trusted-issuers}) over HTTP, beside the gateway's own:
 * which are accepted, what the backend learns from them, and every way a look-alike is refused.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.api-keys[0].sha256=" + TrustedIssuerTests.API_KEY_SHA256,
        "gateway.auth.api-keys[0].subject=reporting-service",
        "gateway.auth.api-keys[0].roles=user",
        // These routes replace application.yml's list: every route the tests call is here
        "spring.cloud.gateway.server.webflux.routes[0].id=authenticated",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/v3/secret",
        "spring.cloud.gateway.server.webflux.routes[0].metadata.auth=authenticated",
        "spring.cloud.gateway.server.webflux.routes[1].id=admin",
        "spring.cloud.gateway.server.webflux.routes[1].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/api/v3/admin",
        "spring.cloud.gateway.server.webflux.routes[1].metadata.roles=admin",
        "spring.cloud.gateway.server.webflux.routes[2].id=reports",
        "spring.cloud.gateway.server.webflux.routes[2].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/v3/reports",
        "spring.cloud.gateway.server.webflux.routes[2].metadata.scopes=reports:read,reports:write",
        "spring.cloud.gateway.server.webflux.routes[3].id=catalog",
        "spring.cloud.gateway.server.webflux.routes[3].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/api/v3/catalog",
        "spring.cloud.gateway.server.webflux.routes[3].metadata.scopes=catalog:read,catalog:write",
        "spring.cloud.gateway.server.webflux.routes[3].metadata.scope-match=any"})
@AutoConfigureWebTestClient
@DirtiesContext                                         // its JWKS refresher stops with the context
@ExtendWith(BufferLeaks.class)
class TrustedIssuerTests {

    static final String API_KEY = "test-api-key";
    static final String API_KEY_SHA256 = "4c806362b613f7496abf284146efd31da90e4b16169fe001841ca17290f427c4";
    static final String PUBLISHED_HMAC_SECRET = "a-secret-anyone-can-read-in-the-jwks";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final IdentityProvider idp = new IdentityProvider();
    static final IdentityProvider.Realm realm = idp.realm("test");
    static final IdentityProvider.Realm strictRealm = idp.realm("strict");

    static final SigningKey RSA = SigningKey.rsa("rsa-1");
    static final SigningKey EC = SigningKey.ec("ec-1");
    static final SigningKey ENCRYPTION = SigningKey.rsa("enc-1");
    static final SigningKey WITHOUT_ALGORITHM = SigningKey.rsa("rsa-no-alg");
    static final SigningKey ENCRYPT_OPERATION = SigningKey.rsa("ops-encrypt");
    static final SigningKey VERIFY_OPERATION = SigningKey.ec("ops-verify");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        backend.start();
        idp.start();
        realm.publish(RSA.jwk(), EC.jwk(), ENCRYPTION.jwk("enc"), WITHOUT_ALGORITHM.jwkWithoutAlgorithm(),
                ENCRYPT_OPERATION.jwkWithOperations("encrypt"), VERIFY_OPERATION.jwkWithOperations("verify"),
                IdentityProvider.octJwk("hmac-1", PUBLISHED_HMAC_SECRET));
        strictRealm.publish(RSA.jwk());
        registry.add("gateway.backend.uris", backend::baseUrl);
        realm.properties(0).forEach((name, value) -> registry.add(name, () -> value));
        // A second realm, demanding RFC 9068 access tokens
        strictRealm.properties(1).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("gateway.auth.trusted-issuers[1].required-type", () -> "at+jwt");
    }

    @AfterAll
    static void stopServers() {
        backend.stop();
        idp.stop();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void secretWhenRs256ProviderTokenThenForwardedWithProviderClaims() {
        String token = RSA.token().subject("idp-user-1")
                .claim("realm_access", Map.of("roles", List.of("user", "auditor"))).sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        LoggedRequest received = onlyBackendRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("idp-user-1");
        assertThat(received.getHeader("X-Auth-Issuer")).isEqualTo(IdentityProvider.ISSUER);
        assertThat(received.getHeader("X-Auth-Roles")).isEqualTo("user,auditor");
    }

    @Test
    void secretWhenProviderTokenBoundToADpopKeyThenAcceptedWithItsProofOnlyNeverAsBearer() {
        DpopClient dpop = DpopClient.es256();
        String token = RSA.token().subject("idp-user-3").claim("cnf", Map.of("jkt", dpop.thumbprint())).sign();
        String url = "http://localhost:" + port + "/api/v3/secret";

        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", dpop.proof("GET", url, token, null)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        assertThat(onlyBackendRequest().getHeader("X-Auth-Dpop-Jkt")).isEqualTo(dpop.thumbprint());
        backend.resetRequests();

        call("/api/v3/secret", token).expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"invalid_token\""))
                .expectBody(Void.class);
        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", DpopClient.es256().proof("GET", url, token, null)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void secretWhenProviderTokenConfirmedByAnotherMethodThenRefused() {
        String certificateThumbprint = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";     // mTLS, RFC 8705 §3.1
        String token = RSA.token().claim("cnf", Map.of("x5t#S256", certificateThumbprint)).sign();

        call("/api/v3/secret", token).expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .contains("error=\"invalid_token\"").contains("confirmation"))
                .expectBody(Void.class);
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void secretWhenProviderTokenCarriesClientIdAndKeyIdThenNotTakenForARegisteredClientsToken() {
        String token = RSA.token().subject("idp-user-2").claim("client_id", "billing").claim("key_id", "abcdefghijkl")
                .sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        assertThat(onlyBackendRequest().getHeader("X-Auth-Subject")).isEqualTo("idp-user-2");
    }

    @Test
    void secretWhenEs256ProviderTokenThenForwardedWithProviderClaims() {
        String token = EC.token().subject("idp-user-2").sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        LoggedRequest received = onlyBackendRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("idp-user-2");
        assertThat(received.getHeader("X-Auth-Issuer")).isEqualTo(IdentityProvider.ISSUER);
        assertThat(received.getHeader("X-Auth-Roles")).isEqualTo("user");
    }

    @Test
    void secretWhenScopeClaimIsSpaceSeparatedThenScopesForwarded() {
        String token = RSA.token().claim("scope", "a b").sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        assertThat(onlyBackendRequest().getHeader("X-Auth-Scopes")).isEqualTo("a,b");
    }

    @Test
    void secretWhenScpClaimIsListThenScopesForwarded() {
        String token = EC.token().claim("scp", List.of("a", "b")).sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        assertThat(onlyBackendRequest().getHeader("X-Auth-Scopes")).isEqualTo("a,b");
    }

    @Test
    void secretWhenProviderTokenHasNoRealmRolesThenForwardedWithNoRoles() {
        String token = RSA.token().without("realm_access").roles("admin").sign();   // top-level "roles" is not our path

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        assertThat(onlyBackendRequest().getHeader("X-Auth-Roles")).isEmpty();
    }

    @Test
    void secretWhenGatewayIssuedTokenBesideTrustedIssuersThenForwardedWithGatewayIssuer() {
        byte[] body = client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api-key\": \"" + API_KEY + "\"}").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        String token = json.readTree(body).get("data").get("token").asString();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        LoggedRequest received = onlyBackendRequest();
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("reporting-service");
        assertThat(received.getHeader("X-Auth-Issuer")).isEqualTo(TestTokens.ISSUER);
    }

    @Test
    void secretWhenHandBuiltGatewayTokenBesideTrustedIssuersThenAccepted() {
        call("/api/v3/secret", new TestTokens().valid().sign()).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void secretWhenProviderTokenForAnotherAudienceThenInvalidToken() {
        String token = RSA.token().claim("aud", "account").sign();

        assertRefused(token, "The token audience is not accepted");
    }

    @Test
    void secretWhenProviderSignsGatewayAudienceOnlyThenInvalidToken() {
        String token = RSA.token().claim("aud", TestTokens.AUDIENCE).sign();   // the gateway's audience is not "api"

        assertRefused(token, "The token audience is not accepted");
    }

    @Test
    void secretWhenIssuerNotConfiguredThenInvalidToken() {
        String token = RSA.token().claim("iss", "https://idp.example/realms/other").sign();

        assertRefused(token, "The token issuer is not accepted");
    }

    @Test
    void secretWhenIssuerIsProviderPrefixThenInvalidToken() {
        String token = RSA.token().claim("iss", "https://idp.example/realms/test/").sign();   // exact match only

        assertRefused(token, "The token issuer is not accepted");
    }

    @Test
    void secretWhenProviderIssuerSignedByUnknownKeyWithKnownKidThenInvalidToken() {
        SigningKey impostor = SigningKey.rsa(RSA.kid());

        assertRefused(impostor.token().sign(), "The token signature is invalid");
    }

    @Test
    void secretWhenProviderIssuerSignedByUnknownKeyWithUnknownKidThenInvalidToken() {
        SigningKey stranger = SigningKey.rsa("stranger");

        assertRefused(stranger.token().sign(), "The token signing key is unknown");
    }

    @Test
    void secretWhenProviderIssuerWithHs256AndPublishedOctKeyThenInvalidToken() {
        String token = RSA.token().algorithm("HS256").header("kid", "hmac-1").signedWith(PUBLISHED_HMAC_SECRET).sign();

        assertRefused(token, "The token signing key is unknown");
    }

    @Test
    void secretWhenProviderIssuerWithHs256AndNoKidThenInvalidToken() {
        String token = new TestTokens().valid().claim("iss", IdentityProvider.ISSUER).claim("aud", "api")
                .signedWith(PUBLISHED_HMAC_SECRET).sign();

        assertRefused(token, "The token signing key is unknown");
    }

    @Test
    void secretWhenProviderIssuerWithHs256SignedWithRsaPublicKeyThenInvalidToken() {
        String publicKeyAsSecret = Base64.getEncoder().encodeToString(RSA.pair().getPublic().getEncoded());
        String token = RSA.token().algorithm("HS256").signedWith(publicKeyAsSecret).sign();

        assertRefused(token, "The token algorithm is not accepted");
    }

    @Test
    void secretWhenHeaderEmbedsSignersJwkAndJkuThenNeitherIsUsed() {
        SigningKey stranger = SigningKey.rsa("stranger-embedded");
        String token = stranger.token()
                .header("jwk", stranger.jwk())
                .header("jku", realm.urlOf("/attacker/certs"))
                .sign();

        assertRefused(token, "The token signing key is unknown");
        assertThat(realm.requestsTo("/attacker/certs")).isZero();
    }

    @Test
    void secretWhenJwkHasNoAlgorithmThenRsaKeyVerifiesRs256() {
        call("/api/v3/secret", WITHOUT_ALGORITHM.token().sign()).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void secretWhenJwkHasNoAlgorithmAndTokenSaysPs256ThenInvalidToken() {
        String token = WITHOUT_ALGORITHM.token().algorithm("PS256").sign();

        assertRefused(token, "The token algorithm is not accepted");
    }

    @Test
    void secretWhenSignedWithKeyPublishedForEncryptionThenInvalidToken() {
        assertRefused(ENCRYPTION.token().sign(), "The token signing key is unknown");
    }

    @Test
    void secretWhenJwkKeyOperationsLackVerifyThenInvalidToken() {
        assertRefused(ENCRYPT_OPERATION.token().sign(), "The token signing key is unknown");
    }

    @Test
    void secretWhenJwkKeyOperationsHoldVerifyThenAccepted() {
        call("/api/v3/secret", VERIFY_OPERATION.token().sign()).expectStatus().isOk().expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS384", "RS512", "PS256"})
    void secretWhenHeaderAlgorithmDiffersFromJwkAlgorithmThenInvalidToken(String alg) {
        String token = RSA.token().algorithm(alg).sign();    // a valid signature under the key, by another algorithm

        call("/api/v3/secret", token).expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error=\"invalid_token\"")
                        .contains("The token algorithm is not accepted"))
                .expectBody(Void.class);
        assertBackendUntouched();
    }

    @Test
    void secretWhenRequiredTypeAtJwtAndTokenTypedAtJwtThenAccepted() {
        String token = RSA.token(strictRealm.issuer()).header("typ", "at+jwt").sign();

        call("/api/v3/secret", token).expectStatus().isOk().expectBody(Void.class);

        assertThat(onlyBackendRequest().getHeader("X-Auth-Issuer")).isEqualTo(strictRealm.issuer());
    }

    @Test
    void secretWhenRequiredTypeAtJwtAndTokenTypedJwtThenInvalidToken() {
        String token = RSA.token(strictRealm.issuer()).header("typ", "JWT").sign();

        call("/api/v3/secret", token).expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("The token type is not accepted"))
                .expectBody(Void.class);
        assertBackendUntouched();
    }

    @Test
    void secretWhenRequiredTypeAtJwtAndTokenUntypedThenInvalidToken() {
        String token = RSA.token(strictRealm.issuer()).withoutHeader("typ").sign();

        assertRefused(token, "The token type is not accepted");
    }

    @Test
    void adminWhenProviderRealmRoleAdminThenForwarded() {
        String token = RSA.token().claim("realm_access", Map.of("roles", List.of("admin"))).sign();

        call("/api/v3/admin", token).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void adminWhenProviderRealmRolesLackAdminThenInsufficientScope() {
        String token = RSA.token().sign();

        call("/api/v3/admin", token).expectStatus().isForbidden()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"insufficient_scope\""))
                .expectBody(Void.class);
        assertBackendUntouched();
    }

    @Test
    void reportsWhenTokenHoldsAllScopesThenForwarded() {
        String token = RSA.token().claim("scope", "openid reports:read reports:write").sign();

        call("/api/v3/reports", token).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void reportsWhenTokenLacksOneOfAllScopesThenInsufficientScope() {
        String token = RSA.token().claim("scope", "openid reports:read").sign();

        call("/api/v3/reports", token).expectStatus().isForbidden()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error=\"insufficient_scope\"")
                        .contains("reports:write"))
                .expectBody().jsonPath("$.error").isEqualTo("insufficient_scope");
        assertBackendUntouched();
    }

    @Test
    void catalogWhenScpListHoldsOneOfAnyScopesThenForwarded() {
        String token = EC.token().claim("scp", List.of("catalog:write")).sign();

        call("/api/v3/catalog", token).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void catalogWhenTokenHoldsNoneOfAnyScopesThenInsufficientScope() {
        String token = EC.token().claim("scope", "reports:read").sign();

        call("/api/v3/catalog", token).expectStatus().isForbidden()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"insufficient_scope\""))
                .expectBody(Void.class);
        assertBackendUntouched();
    }

    @Test
    void catalogWhenTokenHasNoScopesThenInsufficientScope() {
        call("/api/v3/catalog", RSA.token().sign()).expectStatus().isForbidden().expectBody(Void.class);

        assertBackendUntouched();
    }

    private WebTestClient.ResponseSpec call(String path, String token) {
        return client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void assertRefused(String token, String description) {
        call("/api/v3/secret", token).expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error=\"invalid_token\"")
                        .contains("error_description=\"" + description + "\""))
                .expectBody(Void.class);
        assertBackendUntouched();
    }

    private static LoggedRequest onlyBackendRequest() {
        List<LoggedRequest> requests = backend.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void assertBackendUntouched() {
        backend.verify(0, anyRequestedFor(anyUrl()));
    }
}
