package io.jwtgateway.gateway.dpop;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DpopClient;
import io.jwtgateway.gateway.testing.HandMadeProof;
import io.jwtgateway.gateway.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DPoP (RFC 9449) end to end, with a client library nobody here wrote (Nimbus): bound tokens from both token
 * endpoints, used on a route with a proof per request, and every attack refused over HTTP with the backend untouched.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.enabled=false",
        "spring.cloud.gateway.server.webflux.routes[0].id=authenticated",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/v3/secret",
        "spring.cloud.gateway.server.webflux.routes[1].id=bound-only",
        "spring.cloud.gateway.server.webflux.routes[1].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/api/v3/payments",
        "spring.cloud.gateway.server.webflux.routes[1].metadata.dpop=required"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class DpopTests {

    static final String API_KEY = "dpop-test-api-key-0123456789";
    static final String CLIENT_ID = "mobile";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> Sha256.hex(API_KEY.getBytes(UTF_8)));
        registry.add("gateway.auth.api-keys[0].subject", () -> "mobile-app");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
        registry.add("gateway.auth.api-keys[0].client-id", () -> CLIENT_ID);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final DpopClient dpop = DpopClient.es256();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    // ---------------------------------------------------------------------------------------- issuing bound tokens

    @Test
    void seedEndpointWhenProofThenTokenBoundToTheKeyAndTypeDpop() {
        JsonNode data = json.readTree(client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY)
                .header("DPoP", dpop.proof("POST", url("/api/v3/auth"))).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("data");

        assertThat(data.get("token_type").asString()).isEqualTo("DPoP");
        assertThat(claims(data.get("token").asString()).get("cnf").get("jkt").asString())
                .isEqualTo(dpop.thumbprint());
    }

    @Test
    void oauthTokenEndpointWhenProofThenTokenBoundToTheKeyAndTypeDpop() {
        JsonNode body = json.readTree(client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(CLIENT_ID, API_KEY))
                .header("DPoP", dpop.proof("POST", url("/oauth2/token")))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        assertThat(body.get("token_type").asString()).isEqualTo("DPoP");
        assertThat(claims(body.get("access_token").asString()).get("cnf").get("jkt").asString())
                .isEqualTo(dpop.thumbprint());
    }

    @Test
    void tokenEndpointsWhenNoProofThenBearerTokenWithoutBinding() {
        JsonNode data = json.readTree(client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("data");

        assertThat(data.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(claims(data.get("token").asString()).has("cnf")).isFalse();
    }

    @Test
    void seedEndpointWhenProofForAnotherUrlThenBadRequestInvalidDpopProof() {
        client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY)
                .header("DPoP", dpop.proof("POST", url("/oauth2/token"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.data.error").isEqualTo("invalid_dpop_proof")
                .jsonPath("$.data.token").doesNotExist();
    }

    @Test
    void oauthTokenEndpointWhenProofReplayedThenBadRequestInvalidDpopProof() {
        String proof = dpop.proof("POST", url("/oauth2/token"));
        tokenRequest(proof).expectStatus().isOk().expectBody(Void.class);

        tokenRequest(proof).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_dpop_proof");
    }

    @Test
    void oauthTokenEndpointWhenWrongClientSecretThenInvalidClientAndTheProofIsNotSpent() {
        String proof = dpop.proof("POST", url("/oauth2/token"));
        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(CLIENT_ID, "wrong"))
                .header("DPoP", proof)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");

        tokenRequest(proof).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void metadataWhenReadThenListsTheDpopAlgorithms() {
        client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.dpop_signing_alg_values_supported")
                .isEqualTo(List.of("ES256", "RS256", "PS256", "EdDSA"));
    }

    // ------------------------------------------------------------------------------------------- using bound tokens

    @Test
    void secretWhenBoundTokenAndProofThenForwardedAndBackendToldOfTheBindingAndNothingLogged(CapturedOutput output) {
        String token = boundToken(dpop);
        String proof = dpop.proof("GET", url("/api/v3/secret"), token, null);

        call("/api/v3/secret", token, proof)
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        LoggedRequest received = backend.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(received.getHeader("X-Auth-Subject")).isEqualTo("mobile-app");
        assertThat(received.getHeader("X-Auth-Dpop-Jkt")).isEqualTo(dpop.thumbprint());
        assertThat(received.containsHeader("DPoP")).isFalse();
        assertThat(received.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        backend.resetRequests();
        assertRefused(() -> call("/api/v3/secret", token, proof), "invalid_dpop_proof", "dpop_replayed");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(proof.substring(proof.lastIndexOf('.')));
    }

    @Test
    void secretWhenEachRequestHasAFreshProofThenEveryOneForwarded() {
        String token = boundToken(dpop);

        for (int i = 0; i < 3; i++) {
            call("/api/v3/secret?page=" + i, token, dpop.proof("GET", url("/api/v3/secret"), token, null))
                    .expectStatus().isOk()
                    .expectBody(Void.class);
        }
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).hasSize(3);
    }

    @Test
    void secretWhenRsaProofsRs256AndPs256ThenForwarded() {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256)) {
            DpopClient rsa = DpopClient.rsa(algorithm);
            String token = boundToken(rsa);

            call("/api/v3/secret", token, rsa.proof("GET", url("/api/v3/secret"), token, null))
                    .expectStatus().isOk()
                    .expectBody(Void.class);
        }
    }

    @Test
    void secretWhenEdDsaProofThenForwarded() throws NoSuchAlgorithmException {
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, Object> jwk = new HashMap<>(Jwks.builder().key(ed25519.getPublic()).build());
        String thumbprint = Jwks.builder().key(ed25519.getPublic()).build().thumbprint().toString();
        String token = boundToken(HandMadeProof.eddsa(header("EdDSA", jwk), claims("POST", url("/api/v3/auth"), null),
                ed25519.getPrivate()));
        assertThat(claims(token).get("cnf").get("jkt").asString()).isEqualTo(thumbprint);

        call("/api/v3/secret", token, HandMadeProof.eddsa(header("EdDSA", jwk),
                claims("GET", url("/api/v3/secret"), token), ed25519.getPrivate()))
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void boundOnlyRouteWhenBoundTokenThenForwardedAndWhenBearerTokenThenRefused() {
        String token = boundToken(dpop);
        call("/api/v3/payments", token, dpop.proof("GET", url("/api/v3/payments"), token, null))
                .expectStatus().isOk()
                .expectBody(Void.class);
        backend.resetRequests();

        String bearer = new TestTokens().valid().sign();
        assertRefused(() -> client.get().uri("/api/v3/payments").headers(h -> h.setBearerAuth(bearer)).exchange(),
                "invalid_token", "dpop_unbound");
    }

    @Test
    void introspectionWhenBoundTokenThenReportsItsConfirmation() {
        String token = boundToken(dpop);
        String admin = new TestTokens().valid().roles("admin").sign();

        client.post().uri("/oauth2/introspect").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.token_type").isEqualTo("DPoP")
                .jsonPath("$.cnf.jkt").isEqualTo(dpop.thumbprint());
    }

    @Test
    void logoutWhenBoundTokenThenNeedsItsProofAndRevokes() {
        String token = boundToken(dpop);
        client.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_token");

        client.post().uri("/api/v3/auth/revoke").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", dpop.proof("POST", url("/api/v3/auth/revoke"), token, null)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        call("/api/v3/secret", token, dpop.proof("GET", url("/api/v3/secret"), token, null))
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .contains("The token has been revoked"))
                .expectBody(Void.class);
    }

    // ----------------------------------------------------------------------------------------------------- attacks

    @Test
    void secretWhenBoundTokenSentAsBearerThenRefusedWithoutDowngrade() {
        String token = boundToken(dpop);

        assertRefused(() -> client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token))
                .header("DPoP", dpop.proof("GET", url("/api/v3/secret"), token, null)).exchange(),
                "invalid_token", "dpop_downgrade");
    }

    @Test
    void secretWhenBoundTokenWithoutProofThenRefused() {
        String token = boundToken(dpop);

        assertRefused(() -> client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .exchange(), "invalid_dpop_proof", "dpop_missing_proof");
    }

    @Test
    void secretWhenProofReplayedThenRefused() {
        String token = boundToken(dpop);
        String proof = dpop.proof("GET", url("/api/v3/secret"), token, null);
        call("/api/v3/secret", token, proof).expectStatus().isOk().expectBody(Void.class);
        backend.resetRequests();

        assertRefused(() -> call("/api/v3/secret", token, proof), "invalid_dpop_proof", "dpop_replayed");
    }

    @Test
    void secretWhenTwoDpopHeadersThenRefused() {
        String token = boundToken(dpop);

        assertRefused(() -> client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", dpop.proof("GET", url("/api/v3/secret"), token, null),
                        dpop.proof("GET", url("/api/v3/secret"), token, null))
                .exchange(), "invalid_dpop_proof", "dpop_missing_proof");
    }

    @Test
    void secretWhenProofForAnotherMethodThenRefused() {
        String token = boundToken(dpop);

        assertRefused(() -> call("/api/v3/secret", token, dpop.proof("POST", url("/api/v3/secret"), token, null)),
                "invalid_dpop_proof", "dpop_wrong_target");
    }

    @Test
    void secretWhenProofForAnotherUrlThenRefused() {
        String token = boundToken(dpop);

        assertRefused(() -> call("/api/v3/secret", token, dpop.proof("GET", url("/api/v3/payments"), token, null)),
                "invalid_dpop_proof", "dpop_wrong_target");
        assertRefused(() -> call("/api/v3/secret", token, dpop.proof("GET",
                "http://gateway.example:" + port + "/api/v3/secret", token, null)),
                "invalid_dpop_proof", "dpop_wrong_target");
    }

    @Test
    void secretWhenProofForAnotherTokenThenRefused() {
        String token = boundToken(dpop);
        String other = boundToken(dpop);

        assertRefused(() -> call("/api/v3/secret", token, dpop.proof("GET", url("/api/v3/secret"), other, null)),
                "invalid_dpop_proof", "dpop_key_mismatch");
    }

    @Test
    void secretWhenProofSignedByAnotherKeyThenRefused() {
        String token = boundToken(dpop);
        DpopClient thief = DpopClient.es256();

        assertRefused(() -> call("/api/v3/secret", token, thief.proof("GET", url("/api/v3/secret"), token, null)),
                "invalid_dpop_proof", "dpop_key_mismatch");
    }

    @Test
    void secretWhenProofIsOldOrFromTheFutureThenRefused() {
        String token = boundToken(dpop);
        Instant now = Instant.now();

        assertRefused(() -> call("/api/v3/secret", token, dpop.proofIssuedAt("GET", url("/api/v3/secret"), token,
                Date.from(now.minusSeconds(120)))), "invalid_dpop_proof", "dpop_stale");
        assertRefused(() -> call("/api/v3/secret", token, dpop.proofIssuedAt("GET", url("/api/v3/secret"), token,
                Date.from(now.plusSeconds(120)))), "invalid_dpop_proof", "dpop_stale");
    }

    @Test
    void secretWhenProofCarriesThePrivateKeyThenRefused() {
        String token = boundToken(dpop);
        Map<String, Object> claims = claims("GET", url("/api/v3/secret"), token);

        assertRefused(() -> call("/api/v3/secret", token, HandMadeProof.es256(header("ES256", dpop.privateJwk()),
                claims,
                privateKey(dpop))), "invalid_dpop_proof", "dpop_invalid_proof");
    }

    @Test
    void secretWhenProofIsUnsignedOrHmacThenRefused() {
        String token = boundToken(dpop);
        Map<String, Object> claims = claims("GET", url("/api/v3/secret"), token);
        byte[] secret = "a-secret-the-attacker-chose-of-32-bytes".getBytes(UTF_8);
        Map<String, Object> octJwk = Map.of("kty", "oct", "k", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret));

        assertRefused(() -> call("/api/v3/secret", token,
                HandMadeProof.unsigned(header("none", dpop.publicJwk()), claims)),
                "invalid_dpop_proof", "dpop_invalid_proof");
        assertRefused(() -> call("/api/v3/secret", token, HandMadeProof.hs256(header("HS256", octJwk), claims, secret)),
                "invalid_dpop_proof", "dpop_invalid_proof");
    }

    @Test
    void secretWhenProofHasAnotherTypeThenRefused() {
        String token = boundToken(dpop);
        Map<String, Object> header = header("ES256", dpop.publicJwk());
        header.put("typ", "JWT");

        assertRefused(() -> call("/api/v3/secret", token, HandMadeProof.es256(header,
                claims("GET", url("/api/v3/secret"), token), privateKey(dpop))), "invalid_dpop_proof",
                "dpop_invalid_proof");
    }

    @Test
    void secretWhenDpopSchemeWithUnboundTokenThenRefused() {
        String bearer = new TestTokens().valid().sign();

        assertRefused(() -> call("/api/v3/secret", bearer, dpop.proof("GET", url("/api/v3/secret"), bearer, null)),
                "invalid_token", "dpop_unbound");
    }

    @Test
    void secretWhenBearerTokenWithAProofThenRefused() {
        String bearer = new TestTokens().valid().sign();

        assertRefused(() -> client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(bearer))
                .header("DPoP", dpop.proof("GET", url("/api/v3/secret"), bearer, null)).exchange(),
                "invalid_dpop_proof", "dpop_unbound");
    }

    @Test
    void secretWhenBearerTokenWithoutProofThenForwardedAsBefore() {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(new TestTokens().valid().sign())).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void secretWhenDpopSchemeAndExpiredTokenThenDpopChallenge() {
        String expired = new TestTokens().valid().expiresAt(Instant.now().minusSeconds(300))
                .claim("cnf", Map.of("jkt", dpop.thumbprint())).sign();

        client.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + expired)
                .header("DPoP", dpop.proof("GET", url("/api/v3/secret"), expired, null)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"invalid_token\"")
                        .endsWith("algs=\"ES256 RS256 PS256 EdDSA\""))
                .expectBody(Void.class);
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void assertRefused(Supplier<WebTestClient.ResponseSpec> request, String error, String outcome) {
        double before = refusals(outcome);
        request.get().expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"" + error + "\"")
                        .endsWith(", algs=\"ES256 RS256 PS256 EdDSA\""))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo(error);
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).as("requests reaching the backend").isEmpty();
        assertThat(refusals(outcome)).as("gateway_auth_decisions_total{outcome=%s}", outcome).isEqualTo(before + 1);
    }

    /** The decision is counted before the refusal is written, so it is there once the response is read. */
    private double refusals(String outcome) {
        return registry.find("gateway.auth.decisions").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private WebTestClient.ResponseSpec call(String path, String token, String proof) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "DPoP " + token).header("DPoP", proof)
                .exchange();
    }

    private WebTestClient.ResponseSpec tokenRequest(String proof) {
        return client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(CLIENT_ID, API_KEY))
                .header("DPoP", proof)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange();
    }

    private String boundToken(DpopClient holder) {
        return boundToken(holder.proof("POST", url("/api/v3/auth")));
    }

    private String boundToken(String proof) {
        byte[] body = client.post().uri("/api/v3/auth").header("X-API-Key", API_KEY)
                .header("DPoP", proof).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body).get("data").get("token").asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private JsonNode claims(String token) {
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static Map<String, Object> header(String alg, Map<String, Object> jwk) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "dpop+jwt");
        header.put("alg", alg);
        header.put("jwk", jwk);
        return header;
    }

    private static Map<String, Object> claims(String method, String url, @Nullable String token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", method);
        claims.put("htu", url);
        claims.put("iat", Instant.now().getEpochSecond());
        if (token != null) {
            claims.put("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(
                    token.getBytes(UTF_8))));
        }
        return claims;
    }

    private static java.security.PrivateKey privateKey(DpopClient holder) {
        try {
            return holder.key().toECKey().toPrivateKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
