package io.jwtgateway.gateway.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator API on the main port, for admin tokens: clients made, changed and ended through it, and what their
 * keys and tokens are worth at the token endpoints and on a route right after.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.auth.api-keys[0].sha256=" + ClientsApiTests.CONFIGURED_SHA256,
        "gateway.auth.api-keys[0].subject=reporting",
        "gateway.auth.api-keys[0].client-id=reporting",
        "gateway.rate-limit.auth-endpoints.enabled=false"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class ClientsApiTests {

    /** The SHA-256 of {@code test-api-key}. */
    static final String CONFIGURED_SHA256 = "4c806362b613f7496abf284146efd31da90e4b16169fe001841ca17290f427c4";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> DataDirs.fresh("clients-api"));
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    OperatorApi api;

    @BeforeEach
    void setUp() {
        api = OperatorApi.onMainPort(client);
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void createWhenAdminThenKeyShownOnceAndItsTokenCarriesClientAndKeyIds() {
        JsonNode created = api.create("""
                {"client_id": "billing-1", "client_name": "Billing", "roles": ["user"], "scope": "orders:read"}""");

        String apiKey = created.get("api_key").asString();
        String keyId = created.get("keys").get(0).get("key_id").asString();
        assertThat(apiKey).startsWith("gwk_" + keyId + ".");
        assertThat(created.get("subject").asString()).isEqualTo("billing-1");
        assertThat(created.get("status").asString()).isEqualTo("active");
        JsonNode claims = claims(api.token(apiKey));
        assertThat(claims.get("client_id").asString()).isEqualTo("billing-1");
        assertThat(claims.get("key_id").asString()).isEqualTo(keyId);
        assertThat(claims.get("scope").asString()).isEqualTo("orders:read");
        assertThat(api.read("billing-1").has("api_key")).isFalse();
    }

    @Test
    void listWhenClientsExistThenNeitherKeyNorHashShown() {
        String apiKey = api.create("{\"client_id\": \"listed-1\"}").get("api_key").asString();

        String list = client.get().uri(OperatorApi.CLIENTS).headers(api.admin()).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(list).contains("\"client_id\":\"listed-1\"", "\"client_id\":\"reporting\"")
                .doesNotContain(apiKey, apiKey.substring(17), "sha256", CONFIGURED_SHA256);
    }

    @Test
    void createWhenNoTokenThenUnauthorizedAndWithUserTokenThenForbidden() {
        client.post().uri(OperatorApi.CLIENTS).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().returnResult();
        client.post().uri(OperatorApi.CLIENTS).headers(h -> h.setBearerAuth(new TestTokens().valid().sign()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectBody().returnResult();
    }

    @Test
    void revokeKeyWhenClientHoldsTwoThenFirstAndItsTokensRefusedAtOnceAndSecondWorks() {
        JsonNode created = api.create("{\"client_id\": \"rotating-1\"}");
        String first = created.get("api_key").asString();
        String firstToken = api.token(first);
        String second = api.addKey("rotating-1").get("api_key").asString();
        String secondToken = api.token(second);

        api.revokeKey("rotating-1", created.get("keys").get(0).get("key_id").asString());

        assertThat(api.tokenStatus(first)).isEqualTo(401);
        EntityExchangeResult<byte[]> refused = secret(firstToken);
        assertThat(refused.getStatus().value()).isEqualTo(401);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("revoked");
        assertThat(secret(secondToken).getStatus().value()).isEqualTo(200);
        assertThat(secret(api.token(second)).getStatus().value()).isEqualTo(200);
    }

    @Test
    void disableWhenTokensHeldThenRefusedAndEnableGivesNewTokensButNotTheOldOnes() {
        String apiKey = api.create("{\"client_id\": \"paused-1\"}").get("api_key").asString();
        String before = api.token(apiKey);

        JsonNode disabled = api.patch("paused-1", "{\"status\": \"disabled\"}");

        assertThat(disabled.get("status").asString()).isEqualTo("disabled");
        assertThat(secret(before).getStatus().value()).isEqualTo(401);
        assertThat(api.tokenStatus(apiKey)).isEqualTo(401);
        api.patch("paused-1", "{\"status\": \"active\"}");
        assertThat(secret(before).getStatus().value()).isEqualTo(401);
    }

    @Test
    void deleteWhenTokensHeldThenRefusedAndClientGone() {
        String apiKey = api.create("{\"client_id\": \"gone-1\"}").get("api_key").asString();
        String token = api.token(apiKey);

        api.delete("gone-1");

        assertThat(secret(token).getStatus().value()).isEqualTo(401);
        assertThat(api.tokenStatus(apiKey)).isEqualTo(401);
        client.get().uri(OperatorApi.CLIENTS + "/gone-1").headers(api.admin()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("client_not_found");
    }

    @Test
    void tokenWhenKeyExpiredThenRefusedAsAWrongKey() throws InterruptedException {
        api.create("{\"client_id\": \"expiring-1\"}");
        String expiring = client.post().uri(OperatorApi.CLIENTS + "/expiring-1/keys").headers(api.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"expires_at\": " + (Instant.now().getEpochSecond() + 2) + "}").exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("api_key").asString();
        assertThat(api.tokenStatus(expiring)).isEqualTo(200);

        Thread.sleep(3000);

        client.post().uri("/api/v3/auth").header("X-API-Key", expiring).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.data.message").isEqualTo("invalid api key");
    }

    @Test
    void createWhenUnknownMemberAndWrongTypeThenBadRequestNamingEachMember() {
        client.post().uri(OperatorApi.CLIENTS).headers(api.admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"client_id\": \"typo-1\", \"colour\": \"blue\", \"roles\": \"admin\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_client_metadata")
                .jsonPath("$.errors[0].pointer").isEqualTo("#/colour")
                .jsonPath("$.errors[1].pointer").isEqualTo("#/roles")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith("colour: "));
        client.get().uri(OperatorApi.CLIENTS + "/typo-1").headers(api.admin()).exchange()
                .expectStatus().isNotFound()
                .expectBody().returnResult();
    }

    @Test
    void createWhenBodyIsNotOneJsonObjectThenBadRequest() {
        for (String body : new String[] {"[]", "{\"client_id\": \"a\", \"client_id\": \"b\"}", "{", "{} {}"}) {
            client.post().uri(OperatorApi.CLIENTS).headers(api.admin()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error").isEqualTo("invalid_body");
        }
    }

    @Test
    void updateWhenMemberUnknownNotChangeableOrOfTheWrongTypeThenBadRequestAndNothingChanged() {
        api.create("{\"client_id\": \"patched-1\"}");

        client.patch().uri(OperatorApi.CLIENTS + "/patched-1").headers(api.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"client_id\": \"other\", \"status\": 1, \"colour\": \"blue\", \"roles\": null}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].pointer").value(pointers -> assertThat((List<Object>) pointers)
                        .containsExactlyInAnyOrder("#/client_id", "#/status", "#/colour", "#/roles"));
        assertThat(api.read("patched-1").get("status").asString()).isEqualTo("active");
    }

    @Test
    void addKeyWhenBodyNotAnExpiryThenBadRequest() {
        api.create("{\"client_id\": \"expiry-1\"}");

        for (String body : new String[] {"{\"expires\": 1}", "{\"expires_at\": \"soon\"}", "{\"expires_at\": 1}",
                "{\"expires_at\": " + "9".repeat(17 * 1024) + "}"}) {
            client.post().uri(OperatorApi.CLIENTS + "/expiry-1/keys").headers(api.admin())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult();
        }
        assertThat(api.read("expiry-1").get("keys")).hasSize(1);
    }

    @Test
    void createWhenBodyOversizedThenBadRequest() {
        String name = "x".repeat(17 * 1024);

        client.post().uri(OperatorApi.CLIENTS).headers(api.admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"client_name\": \"" + name + "\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_body");
    }

    @Test
    void createWhenRateLimitMembersWrongThenEachNamedByItsPointer() {
        client.post().uri(OperatorApi.CLIENTS).headers(api.admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"rate_limit\": {\"replenish_rate\": \"5\", \"burst\": 10}, \"token_lifetime\": 1.5}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].pointer").value(pointers -> assertThat((List<Object>) pointers)
                        .contains("#/rate_limit/replenish_rate", "#/rate_limit/burst", "#/token_lifetime"));
    }

    @Test
    void createWhenClientIdTakenThenConflict() {
        api.create("{\"client_id\": \"twice-1\"}");

        for (String id : new String[] {"twice-1", "reporting"}) {
            client.post().uri(OperatorApi.CLIENTS).headers(api.admin()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"client_id\": \"" + id + "\"}").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.error").isEqualTo("client_exists");
        }
    }

    @Test
    void changeWhenClientConfiguredThenConflictAndNothingChanged() {
        client.patch().uri(OperatorApi.CLIENTS + "/reporting").headers(api.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\": \"disabled\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("read_only_client");
        client.delete().uri(OperatorApi.CLIENTS + "/reporting").headers(api.admin()).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().returnResult();
        client.post().uri(OperatorApi.CLIENTS + "/reporting/keys").headers(api.admin()).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().returnResult();

        assertThat(api.read("reporting").get("status").asString()).isEqualTo("active");
        assertThat(api.read("reporting").get("read_only").asBoolean()).isTrue();
        assertThat(api.tokenStatus("test-api-key")).isEqualTo(200);
    }

    @Test
    void addKeyWhenClientHoldsTheMostThenBadRequestAndARevokedOneDoesNotCount() {
        JsonNode created = api.create("{\"client_id\": \"keyring-1\"}");
        for (int i = 1; i < 5; i++) {
            api.addKey("keyring-1");
        }

        client.post().uri(OperatorApi.CLIENTS + "/keyring-1/keys").headers(api.admin()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("too_many_keys");
        api.revokeKey("keyring-1", created.get("keys").get(0).get("key_id").asString());
        api.addKey("keyring-1");
    }

    @Test
    void patchWhenNullGivenThenOptionalMemberRemovedAndLifetimeApplies() {
        api.create("{\"client_id\": \"lifetime-1\", \"token_lifetime\": 60, \"client_name\": \"L\"}");

        JsonNode patched = api.patch("lifetime-1", "{\"client_name\": null, \"token_lifetime\": 90}");

        assertThat(patched.has("client_name")).isFalse();
        assertThat(patched.get("token_lifetime").asLong()).isEqualTo(90);
    }

    @Test
    void tokenWhenClientHasItsOwnLifetimeThenExpiresInIsIt() {
        String apiKey = api.create("{\"client_id\": \"short-1\", \"token_lifetime\": 45}").get("api_key").asString();

        client.post().uri("/api/v3/auth").header("X-API-Key", apiKey).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.expires_in").isEqualTo(45);
    }

    @Test
    void oauthTokenWhenClientLacksClientCredentialsThenUnauthorizedClient() {
        String apiKey = api.create("{\"client_id\": \"seed-only-1\", \"grant_types\": [\"api_key\"]}")
                .get("api_key").asString();

        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("seed-only-1", apiKey))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unauthorized_client");
        assertThat(api.tokenStatus(apiKey)).isEqualTo(200);
    }

    @Test
    void oauthTokenWhenAnotherClientsKeyThenInvalidClient() {
        String apiKey = api.create("{\"client_id\": \"owner-1\"}").get("api_key").asString();

        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("reporting", apiKey))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenClientDpopBoundAndNoProofThenRefused() {
        String apiKey = api.create("{\"client_id\": \"bound-1\", \"dpop_bound_access_tokens\": true}")
                .get("api_key").asString();

        client.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("bound-1", apiKey))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_dpop_proof");
    }

    @Test
    void routeWhenClientHasItsOwnRateLimitThenItsSecondRequestRefused() {
        String apiKey = api.create("""
                {"client_id": "limited-1", "rate_limit": {"replenish_rate": 1, "burst_capacity": 1}}""")
                .get("api_key").asString();
        String token = api.token(apiKey);

        assertThat(secret(token).getStatus().value()).isEqualTo(200);
        assertThat(secret(token).getStatus().value()).isEqualTo(429);
        assertThat(secret(api.token("test-api-key")).getStatus().value()).isEqualTo(200);
    }

    @Test
    void methodWhenNotServedThenMethodNotAllowedWithAllow() {
        client.put().uri(OperatorApi.CLIENTS + "/any").headers(api.admin()).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("PATCH"))
                .expectBody(Void.class);
    }

    @Test
    void changesWhenMadeThenOneAuditLineEachNamingTheAdminAndNoSecret(CapturedOutput output) {
        JsonNode created = api.create("{\"client_id\": \"audited-1\"}");
        String keyId = created.get("keys").get(0).get("key_id").asString();
        String second = api.addKey("audited-1").get("api_key").asString();
        api.revokeKey("audited-1", keyId);
        api.delete("audited-1");

        String first = created.get("api_key").asString();
        assertThat(output.getAll())
                .contains("actor=operator-alice action=client_created", "client_id=audited-1 key_id=" + keyId)
                .contains("action=key_added", "action=key_revoked", "action=client_deleted")
                .doesNotContain(first, first.substring(17), second, second.substring(17))
                .doesNotContain(Sha256.hex(first.getBytes(UTF_8)), Sha256.hex(second.getBytes(UTF_8)));
    }

    @Test
    void createWhenExchangeAudiencesThenClientExchangesForThemAndRevokingItsKeyEndsTheExchangedToken() {
        JsonNode created = api.create("""
                {"client_id": "orders-1", "grant_types": ["client_credentials"],
                 "token_exchange_audiences": ["backend"]}""");
        String apiKey = created.get("api_key").asString();
        String keyId = created.get("keys").get(0).get("key_id").asString();

        String exchanged = exchange("orders-1", apiKey, new TestTokens().valid().sign())
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("access_token").asString();

        assertThat(created.get("token_exchange_audiences").get(0).asString()).isEqualTo("backend");
        assertThat(claims(exchanged).get("key_id").asString()).isEqualTo(keyId);
        assertThat(secret(exchanged).getStatus().value()).isEqualTo(200);
        api.revokeKey("orders-1", keyId);
        assertThat(secret(exchanged).getStatus().value()).isEqualTo(401);
    }

    @Test
    void patchWhenExchangeAudiencesRemovedThenUnauthorizedClient() {
        String apiKey = api.create("""
                {"client_id": "orders-2", "token_exchange_audiences": ["backend"]}""").get("api_key").asString();

        JsonNode patched = api.patch("orders-2", "{\"token_exchange_audiences\": null}");

        assertThat(patched.has("token_exchange_audiences")).isFalse();
        exchange("orders-2", apiKey, new TestTokens().valid().sign())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unauthorized_client");
    }

    @Test
    void exchangeWhenClientLacksClientCredentialsGrantThenUnauthorizedClient() {
        String apiKey = api.create("""
                {"client_id": "orders-3", "grant_types": ["api_key"], "token_exchange_audiences": ["backend"]}""")
                .get("api_key").asString();

        exchange("orders-3", apiKey, new TestTokens().valid().sign())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unauthorized_client");
    }

    private WebTestClient.ResponseSpec exchange(String clientId, String apiKey, String subjectToken) {
        return client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(clientId, apiKey))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token="
                        + subjectToken + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt"
                        + "&audience=backend")
                .exchange();
    }

    /** A protected route's answer to the token, read in full. */
    private EntityExchangeResult<byte[]> secret(String token) {
        return client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().returnResult();
    }

    private static JsonNode claims(String token) {
        return OperatorApi.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
