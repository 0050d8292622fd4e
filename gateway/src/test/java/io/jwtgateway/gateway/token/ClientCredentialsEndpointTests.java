package io.jwtgateway.gateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
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
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.enabled=false"})      // dozens of calls a second; ratelimit tests it
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ClientCredentialsEndpointTests {

    static final String REPORTS_ID = "reports";
    static final String REPORTS_SECRET = "reports-api-key-0123456789";
    static final String OPS_ID = "ops+svc@example.org!";                  // '+', '@' and '!' need encoding
    static final String OPS_SECRET = "p@ss:w+rd/ü%20&=x y";                // so do ':', '%', '&', '=', ' ' and 'ü'
    static final String LEGACY_KEY = "legacy-api-key-without-client-id";   // an API key with no client id

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    /** A list binds from one property source, so every key is here, next to its hash. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> sha256Hex(REPORTS_SECRET));
        registry.add("gateway.auth.api-keys[0].subject", () -> "reporting-service");
        registry.add("gateway.auth.api-keys[0].roles", () -> "user");
        registry.add("gateway.auth.api-keys[0].client-id", () -> REPORTS_ID);
        registry.add("gateway.auth.api-keys[0].scopes", () -> "orders:read,orders:write");
        registry.add("gateway.auth.api-keys[1].sha256", () -> sha256Hex(OPS_SECRET));
        registry.add("gateway.auth.api-keys[1].subject", () -> "ops-service");
        registry.add("gateway.auth.api-keys[1].client-id", () -> OPS_ID);
        registry.add("gateway.auth.api-keys[2].sha256", () -> sha256Hex(LEGACY_KEY));
        registry.add("gateway.auth.api-keys[2].subject", () -> "legacy-service");
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
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
    void tokenWhenBasicCredentialsRightThenBearerTokenWithTheKeysScopesThatOpensSecret() {
        byte[] body = client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(REPORTS_ID, REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("Bearer")
                .jsonPath("$.expires_in").isEqualTo(180)
                .jsonPath("$.scope").isEqualTo("orders:read orders:write")
                .returnResult().getResponseBody();
        String token = json.readTree(body).get("access_token").asString();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        backend.verify(getRequestedFor(urlEqualTo("/api/v3/secret"))
                .withHeader("X-Auth-Subject", equalTo("reporting-service"))
                .withHeader("X-Auth-Scopes", equalTo("orders:read,orders:write")));
        JsonNode claims = claims(token);
        assertThat(claims.get("scope").asString()).isEqualTo("orders:read orders:write");
        assertThat(claims.get("client_id").asString()).isEqualTo(REPORTS_ID);
        assertThat(claims.get("sub").asString()).isEqualTo("reporting-service");
    }

    @Test
    void tokenWhenFormCredentialsRightThenBearerToken() {
        byte[] body = token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID,
                "client_secret=" + encode(REPORTS_SECRET)))
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("Bearer")
                .jsonPath("$.scope").isEqualTo("orders:read orders:write")
                .returnResult().getResponseBody();

        assertThat(claims(json.readTree(body).get("access_token").asString()).get("client_id").asString())
                .isEqualTo(REPORTS_ID);
    }

    @Test
    void tokenWhenBasicCredentialsHoldUrlEncodedSpecialCharactersThenDecodedBeforeLookup() {
        byte[] body = client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(OPS_ID, OPS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.scope").doesNotExist()                 // the key has no scopes
                .returnResult().getResponseBody();

        JsonNode claims = claims(json.readTree(body).get("access_token").asString());
        assertThat(claims.get("client_id").asString()).isEqualTo(OPS_ID);
        assertThat(claims.has("scope")).isFalse();
    }

    @Test
    void tokenWhenFormCredentialsHoldSpecialCharactersThenDecoded() {
        token(form("grant_type=client_credentials", "client_id=" + encode(OPS_ID),
                "client_secret=" + encode(OPS_SECRET)))
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void tokenWhenBasicSecretWrongThenInvalidClientWithBasicChallenge() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(REPORTS_ID, "wrong-secret-value"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jwt-gateway\"")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_client")
                .jsonPath("$.error_description").value(d -> assertThat((String) d).doesNotContain("wrong-secret"))
                .jsonPath("$.access_token").doesNotExist();
    }

    @Test
    void tokenWhenFormSecretWrongThenInvalidClient() {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=wrong-secret-value"))
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_client")
                .jsonPath("$.error_description").value(d -> assertThat((String) d).doesNotContain("wrong-secret"));
    }

    @Test
    void tokenWhenClientIdUnknownThenInvalidClientEvenWithAnotherClientsSecret() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic("nobody", REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenClientIdBelongsToAnotherKeyThenInvalidClient() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(OPS_ID, REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy-service", "null", "%00"})
    void tokenWhenKeyHasNoClientIdThenInvalidClientThoughTheKeyOpensApiAuth(String clientId) {
        token(form("grant_type=client_credentials", "client_id=" + clientId, "client_secret=" + LEGACY_KEY))
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");

        client.post().uri("/api/v3/auth").header("X-API-Key", LEGACY_KEY).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void tokenWhenNoClientAuthenticationThenInvalidClientWithBasicChallenge() {
        token(form("grant_type=client_credentials"))
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jwt-gateway\"")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenClientIdWithoutSecretThenInvalidClient() {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID))
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenSecretWithoutClientIdThenInvalidRequest() {
        token(form("grant_type=client_credentials", "client_secret=" + REPORTS_SECRET))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenBasicAndFormSecretBothThenInvalidRequest() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(REPORTS_ID, REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form("grant_type=client_credentials", "client_id=" + REPORTS_ID,
                        "client_secret=" + REPORTS_SECRET))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_request")
                .jsonPath("$.error_description").value(d -> assertThat((String) d).doesNotContain(REPORTS_SECRET));
    }

    @Test
    void tokenWhenBasicAndItsOwnClientIdInBodyThenToken() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(REPORTS_ID, REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form("grant_type=client_credentials", "client_id=" + REPORTS_ID)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void tokenWhenBasicAndAnotherClientIdInBodyThenInvalidRequest() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(REPORTS_ID, REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form("grant_type=client_credentials", "client_id=" + encode(OPS_ID))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Basic !!!not-base64!!!",
            "Basic cmVwb3J0cw==",                               // "reports": no colon
            "Basic cmVwb3J0czolenp6",                           // "reports:%zzz": malformed percent-encoding
            "Basic cmVwb3J0czolQzMlMjg="})                      // "reports:%C3%28": not UTF-8
    void tokenWhenBasicCredentialsMalformedThenInvalidRequest(String authorization) {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenAuthorizationSchemeIsNotBasicThenInvalidClientWithBasicChallenge() {
        client.post().uri("/oauth2/token")
                .headers(h -> h.setBearerAuth(REPORTS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jwt-gateway\"")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenBasicSchemeInLowerCaseThenToken() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "basic" + basic(REPORTS_ID, REPORTS_SECRET).substring(5))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void tokenWhenGrantTypeMissingThenInvalidRequest() {
        token(form("client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET))
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_request")
                .jsonPath("$.error_description").isEqualTo("missing grant_type");
    }

    @Test
    void tokenWhenGrantTypeEmptyThenInvalidRequestAsIfOmitted() {
        token(form("grant_type=", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "authorization_code", "refresh_token", "CLIENT_CREDENTIALS",
            "urn:ietf:params:oauth:grant-type:jwt-bearer"})
    void tokenWhenGrantTypeIsNotClientCredentialsThenUnsupportedGrantType(String grantType) {
        token(form("grant_type=" + encode(grantType), "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET,
                "username=alice", "password=secret"))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("unsupported_grant_type")
                .jsonPath("$.access_token").doesNotExist();
    }

    @Test
    void tokenWhenGrantUnsupportedAndClientUnauthenticatedThenInvalidClient() {
        token(form("grant_type=password", "client_id=" + REPORTS_ID, "client_secret=wrong-secret-value"))
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=bogus",
            "garbage", "application/*", "*/*"})
    void tokenWhenContentTypeIsNotUtf8FormThenInvalidRequest(String contentType) throws IOException {
        String response = RawHttp.exchange(port, "POST", "/oauth2/token",
                form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET),
                "Content-Type: " + contentType);

        assertThat(response).startsWith("HTTP/1.1 400")
                .containsIgnoringCase("Cache-Control: no-store")
                .contains("{\"error\":\"invalid_request\","
                        + "\"error_description\":\"Content-Type must be application/x-www-form-urlencoded\","
                        + "\"request_id\":\"");
    }

    @Test
    void tokenWhenNoContentTypeThenInvalidRequest() throws IOException {
        String response = RawHttp.exchange(port, "POST", "/oauth2/token",
                form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET));

        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":\"invalid_request\"");
    }

    @Test
    void tokenWhenContentTypeNamesUtf8ThenToken() {
        client.post().uri("/oauth2/token")
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded; charset=UTF-8"))
                .bodyValue(form("grant_type=client_credentials", "client_id=" + REPORTS_ID,
                        "client_secret=" + REPORTS_SECRET))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "grant_type=client_credentials&grant_type=client_credentials",
            "grant_type=client_credentials&scope=orders:read&scope=",
            "grant_type=client_credentials&scope=orders:read&%73cope=orders:write",   // the same name, encoded
            "grant_type=client_credentials&client_id=reports"})                        // client_id twice
    void tokenWhenParameterRepeatedThenInvalidRequest(String parameters) {
        token(parameters + "&client_id=" + REPORTS_ID + "&client_secret=" + REPORTS_SECRET)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_request")
                .jsonPath("$.error_description").isEqualTo("each parameter may be sent once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%4", "%", "scope=%C3%28", "scope=%FF", "x=a%2"})
    void tokenWhenBodyEncodingMalformedThenInvalidRequest(String malformed) {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET,
                malformed))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_request")
                .jsonPath("$.error_description").isEqualTo("body must be form-urlencoded UTF-8");
    }

    @Test
    void tokenWhenBodyOver16KiBThenInvalidRequest() {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET,
                "pad=" + "x".repeat(16 * 1024)))
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenUnknownParametersAndEmptyPairsThenIgnored() {
        token("&grant_type=client_credentials&&client_id=" + REPORTS_ID + "&client_secret=" + REPORTS_SECRET
                + "&audience=x&flag&")
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void tokenWhenScopeIsSubsetThenOnlyThoseGranted() {
        byte[] body = token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID,
                "client_secret=" + REPORTS_SECRET, "scope=orders%3Aread"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.scope").isEqualTo("orders:read")
                .returnResult().getResponseBody();

        assertThat(claims(json.readTree(body).get("access_token").asString()).get("scope").asString())
                .isEqualTo("orders:read");
    }

    @Test
    void tokenWhenScopesRepeatedOrReorderedThenEachGrantedOnceInRequestOrder() {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET,
                "scope=orders:write+orders:read+orders:write"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.scope").isEqualTo("orders:write orders:read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders:delete", "orders:read+admin", "ORDERS:READ", "+orders:read", "orders:read+",
            "orders:read++orders:write", "orders:read%09orders:write", "%22orders:read%22"})
    void tokenWhenScopeNotGrantedToKeyOrMalformedThenInvalidScope(String scope) {
        token(form("grant_type=client_credentials", "client_id=" + REPORTS_ID, "client_secret=" + REPORTS_SECRET,
                "scope=" + scope))
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.error").isEqualTo("invalid_scope")
                .jsonPath("$.access_token").doesNotExist();
    }

    @Test
    void tokenWhenKeyHasNoScopesAndScopeRequestedThenInvalidScope() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, basic(OPS_ID, OPS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&scope=orders:read").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void tokenWhenMethodIsNotPostThenMethodNotAllowedWithAllowPost(String method) throws IOException {
        String response = RawHttp.exchange(port, method, "/oauth2/token", "");

        assertThat(response).startsWith("HTTP/1.1 405")
                .containsIgnoringCase("Allow: POST\r\n")
                .containsIgnoringCase("Cache-Control: no-store")
                .containsIgnoringCase("Content-Type: application/json")
                .contains("\"error\":\"invalid_request\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
    void tokenWhenRequestedBySpringSecurityClientThenTokenResponseParsed(String method) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("gateway")
                .clientId(OPS_ID)                               // Spring Security form-encodes Basic credentials
                .clientSecret(OPS_SECRET)
                .clientAuthenticationMethod(new ClientAuthenticationMethod(method))
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri("http://localhost:" + port + "/oauth2/token")
                .build();
        WebClientReactiveClientCredentialsTokenResponseClient tokenClient =
                new WebClientReactiveClientCredentialsTokenResponseClient();

        OAuth2AccessTokenResponse response = tokenClient
                .getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block();

        assertThat(response.getAccessToken().getTokenType().getValue()).isEqualTo("Bearer");
        assertThat(response.getAccessToken().getExpiresAt())
                .isEqualTo(response.getAccessToken().getIssuedAt().plusSeconds(180));
        assertThat(claims(response.getAccessToken().getTokenValue()).get("client_id").asString()).isEqualTo(OPS_ID);
    }

    @Test
    void tokenWhenSpringSecurityClientAsksForScopesThenGrantedScopesReported() {
        ClientRegistration registration = ClientRegistration.withRegistrationId("gateway")
                .clientId(REPORTS_ID)
                .clientSecret(REPORTS_SECRET)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("orders:read")
                .tokenUri("http://localhost:" + port + "/oauth2/token")
                .build();

        OAuth2AccessTokenResponse response = new WebClientReactiveClientCredentialsTokenResponseClient()
                .getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).block();

        assertThat(response.getAccessToken().getScopes()).containsExactly("orders:read");
    }

    private WebTestClient.ResponseSpec token(String formBody) {
        return client.post().uri("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(formBody).exchange();
    }

    private static String form(String... pairs) {
        return String.join("&", pairs);
    }

    /** RFC 6749 §2.3.1: each part form-urlencoded, then {@code id:secret} in base64. */
    private static String basic(String clientId, String secret) {
        String credentials = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private JsonNode claims(String token) {
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
