package io.jwtgateway.gateway.token;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DpopClient;
import io.jwtgateway.gateway.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * RFC 8693 token exchange through the real HTTP path: the {@code orders} service trades a user's token for one
 * addressed to {@code inventory}, with Nimbus's own token exchange request, and calls inventory with it.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.enabled=false",
        "gateway.service-defaults.health-check.enabled=false",
        "spring.cloud.gateway.server.webflux.routes[0].id=inventory",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://inventory",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/inventory/**",
        "spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1",
        "spring.cloud.gateway.server.webflux.routes[1].id=pricing",
        "spring.cloud.gateway.server.webflux.routes[1].uri=lb://pricing",
        "spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/pricing/**",
        "spring.cloud.gateway.server.webflux.routes[2].id=secret",
        "spring.cloud.gateway.server.webflux.routes[2].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/v3/secret",
        "spring.cloud.gateway.server.webflux.routes[3].id=inventory-prices",
        "spring.cloud.gateway.server.webflux.routes[3].uri=lb://pricing",
        "spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/inventory/prices/**",
        "gateway.auth.dpop.public-base-url=" + TokenExchangeTests.PUBLIC_BASE})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class TokenExchangeTests {

    static final String PUBLIC_BASE = "https://gateway.example";
    static final String ORDERS = "orders";
    static final String ORDERS_SECRET = "orders-api-key-0123456789";
    static final String REPORTS = "reports";
    static final String REPORTS_SECRET = "reports-api-key-0123456789";
    static final String INVENTORY = "inventory-svc";
    static final String INVENTORY_SECRET = "inventory-api-key-0123456789";
    static final String USER_SCOPES = "inventory:read inventory:write";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final WireMockServer inventory = new WireMockServer(wireMockConfig().dynamicPort());
    static final WireMockServer pricing = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        List.of(backend, inventory, pricing).forEach(WireMockServer::start);
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.services.inventory.uris", inventory::baseUrl);
        registry.add("gateway.data-dir", () -> dataDir.toString());         // the route added at runtime
        registry.add("gateway.services.pricing.uris", pricing::baseUrl);
        registry.add("gateway.auth.api-keys[0].sha256", () -> sha256Hex(ORDERS_SECRET));
        registry.add("gateway.auth.api-keys[0].subject", () -> "orders-service");
        registry.add("gateway.auth.api-keys[0].client-id", () -> ORDERS);
        registry.add("gateway.auth.api-keys[0].exchange-audiences", () -> "inventory");
        registry.add("gateway.auth.api-keys[1].sha256", () -> sha256Hex(REPORTS_SECRET));
        registry.add("gateway.auth.api-keys[1].subject", () -> "reports-service");
        registry.add("gateway.auth.api-keys[1].client-id", () -> REPORTS);
        registry.add("gateway.auth.api-keys[2].sha256", () -> sha256Hex(INVENTORY_SECRET));
        registry.add("gateway.auth.api-keys[2].subject", () -> "inventory-service");
        registry.add("gateway.auth.api-keys[2].client-id", () -> INVENTORY);
        registry.add("gateway.auth.api-keys[2].exchange-audiences", () -> "pricing");
    }

    @AfterAll
    static void stopBackends() {
        List.of(backend, inventory, pricing).forEach(WireMockServer::stop);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void resetBackends() {
        for (WireMockServer server : List.of(backend, inventory, pricing)) {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(ok("ok")));
        }
    }

    // --- exchanged ---

    @Test
    void exchangeWhenServiceClientTradesUserTokenThenInventorySeesTheUser() throws Exception {
        String user = userToken().sign();

        AccessTokenResponse answer = exchange(user, "inventory", null).toSuccessResponse();
        String exchanged = answer.getTokens().getAccessToken().getValue();

        assertThat(answer.getTokens().getAccessToken().getIssuedTokenType())
                .isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        assertThat(answer.getTokens().getAccessToken().getType().getValue()).isEqualTo("Bearer");
        assertThat(answer.getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse(USER_SCOPES));
        client.get().uri("/inventory/items").headers(h -> h.setBearerAuth(exchanged)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
        inventory.verify(getRequestedFor(urlEqualTo("/items"))
                .withHeader("X-Auth-Subject", equalTo("alice"))
                .withHeader("X-Auth-Client-Id", equalTo(ORDERS)));
    }

    @Test
    void exchangedTokenWhenForwardedThenTheIdentityAssertionNamesTheUserAndTheCallerAsActor() throws Exception {
        String exchanged = exchange(userToken().sign(), "inventory", null).toSuccessResponse().getTokens()
                .getAccessToken().getValue();

        client.get().uri("/inventory/items").headers(h -> h.setBearerAuth(exchanged)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");

        JsonNode assertion = claims(inventory.findAll(getRequestedFor(urlEqualTo("/items"))).get(0)
                .getHeader("X-Auth-Assertion"));
        assertThat(assertion.get("aud").isArray() ? assertion.get("aud").get(0).asString()
                : assertion.get("aud").asString()).isEqualTo("inventory");
        assertThat(assertion.get("sub").asString()).isEqualTo("alice");
        assertThat(assertion.get("act").get("sub").asString()).isEqualTo(ORDERS);
    }

    @Test
    void exchangeWhenIssuedThenClaimsNameTheServiceTheUserAndTheCaller() throws Exception {
        String user = userToken().sign();

        JsonNode claims = claims(exchange(user, "inventory", null).toSuccessResponse());

        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asString() : claims.get("aud").asString())
                .isEqualTo("inventory");
        assertThat(claims.get("sub").asString()).isEqualTo("alice");
        assertThat(claims.get("client_id").asString()).isEqualTo(ORDERS);
        assertThat(claims.get("act").get("sub").asString()).isEqualTo(ORDERS);
        assertThat(claims.get("act").has("act")).isFalse();
        assertThat(claims.get("roles").get(0).asString()).isEqualTo("user");
    }

    @Test
    void exchangeWhenSubjectTokenHasAnActorThenCallerNestsIt() throws Exception {
        String user = userToken().claim("act", Map.of("sub", "web")).sign();

        JsonNode claims = claims(exchange(user, "inventory", null).toSuccessResponse());

        assertThat(claims.get("act").get("sub").asString()).isEqualTo(ORDERS);
        assertThat(claims.get("act").get("act").get("sub").asString()).isEqualTo("web");
    }

    @Test
    void exchangeWhenServiceExchangesItsExchangedTokenOnwardThenActorsChainedAndPricingSeesTheUser()
            throws Exception {
        String forInventory = exchange(userToken().sign(), "inventory", null).toSuccessResponse().getTokens()
                .getAccessToken().getValue();

        AccessTokenResponse forPricing = TokenResponse.parse(new TokenRequest.Builder(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(INVENTORY), new Secret(INVENTORY_SECRET)),
                grant(forInventory, "pricing")).build().toHTTPRequest().send()).toSuccessResponse();

        JsonNode claims = claims(forPricing);
        assertThat(claims.get("act").get("sub").asString()).isEqualTo(INVENTORY);
        assertThat(claims.get("act").get("act").get("sub").asString()).isEqualTo(ORDERS);
        client.get().uri("/pricing/items")
                .headers(h -> h.setBearerAuth(forPricing.getTokens().getAccessToken().getValue())).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
        pricing.verify(getRequestedFor(urlEqualTo("/pricing/items")).withHeader("X-Auth-Subject", equalTo("alice")));
    }

    @Test
    void exchangeWhenActorTokenIsTheCallersOwnThenIssuedWithTheCallerAsActor() throws Exception {
        String own = JSON.readTree(client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(ORDERS, ORDERS_SECRET))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("access_token").asString();

        JsonNode claims = claims(exchangeActing(userToken().sign(), own).toSuccessResponse());

        assertThat(claims.get("sub").asString()).isEqualTo("alice");
        assertThat(claims.get("act").get("sub").asString()).isEqualTo(ORDERS);
    }

    @Test
    void exchangeWhenActorTokenSubjectIsTheCallerThenIssued() throws Exception {
        JsonNode claims = claims(exchangeActing(userToken().sign(), tokens.valid().subject(ORDERS).sign())
                .toSuccessResponse());

        assertThat(claims.get("act").get("sub").asString()).isEqualTo(ORDERS);
    }

    @Test
    void exchangeWhenResourceServedByInventoryThenTokenForInventory() throws Exception {
        AccessTokenResponse answer = exchangeFor(URI.create(PUBLIC_BASE + "/inventory/items"), null)
                .toSuccessResponse();

        JsonNode claims = claims(answer);
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asString() : claims.get("aud").asString())
                .isEqualTo("inventory");
        client.get().uri("/inventory/items")
                .headers(h -> h.setBearerAuth(answer.getTokens().getAccessToken().getValue())).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
    }

    @Test
    void exchangeWhenResourceServedByARouteAddedAtRuntimeThenTokenForItsService() throws Exception {
        String admin = tokens.valid().roles("admin").sign();
        client.post().uri("/actuator/gateway/routes/stock").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://inventory", "predicates": ["Path=/stock/**"]}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);
        try {
            JsonNode claims = claims(exchangeFor(URI.create(PUBLIC_BASE + "/stock/7"), null).toSuccessResponse());

            assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asString()
                    : claims.get("aud").asString()).isEqualTo("inventory");
        } finally {
            client.delete().uri("/actuator/gateway/routes/stock").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectBody(String.class);
        }
        assertThat(exchangeFor(URI.create(PUBLIC_BASE + "/stock/7"), null).toErrorResponse().getErrorObject()
                .getCode()).isEqualTo("invalid_target");
    }

    @Test
    void exchangeWhenResourceAndAudienceNameInventoryThenIssued() throws Exception {
        AccessTokenResponse answer = exchangeFor(URI.create("HTTPS://Gateway.Example:443/inventory/items?page=2"),
                "inventory").toSuccessResponse();

        assertThat(claims(answer).get("act").get("sub").asString()).isEqualTo(ORDERS);
    }

    @Test
    void exchangeWhenScopeNarrowsThenOnlyThatScopeGranted() throws Exception {
        String user = userToken().sign();

        AccessTokenResponse answer = exchange(user, "inventory", "inventory:read").toSuccessResponse();

        assertThat(answer.getTokens().getAccessToken().getScope()).isEqualTo(Scope.parse("inventory:read"));
        assertThat(claims(answer).get("scope").asString()).isEqualTo("inventory:read");
    }

    @Test
    void exchangeWhenSubjectTokenExpiresFirstThenExchangedTokenExpiresWithIt() throws Exception {
        Instant subjectExpiry = Instant.now().plusSeconds(40);
        String user = userToken().expiresAt(subjectExpiry).sign();

        AccessTokenResponse answer = exchange(user, "inventory", null).toSuccessResponse();

        assertThat(answer.getTokens().getAccessToken().getLifetime()).isBetween(1L, 40L);
        assertThat(claims(answer).get("exp").asLong()).isEqualTo(subjectExpiry.getEpochSecond());
    }

    @Test
    void exchangeWhenDoneThenCountedAsIssued() throws Exception {
        double before = count("issued");

        exchange(userToken().sign(), "inventory", null).toSuccessResponse();

        assertThat(count("issued")).isEqualTo(before + 1);
    }

    @Test
    void exchangeWhenDpopProofSentThenTokenBoundToItsKeyAndUsableWithIt() {
        DpopClient dpop = DpopClient.es256();
        String url = PUBLIC_BASE + "/oauth2/token";

        JsonNode body = JSON.readTree(client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(ORDERS, ORDERS_SECRET))
                .header("DPoP", dpop.proof("POST", url))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form(userToken().sign())).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        String exchanged = body.get("access_token").asString();

        assertThat(body.get("token_type").asString()).isEqualTo("DPoP");
        assertThat(claims(exchanged).get("cnf").get("jkt").asString()).isEqualTo(dpop.thumbprint());
        String items = PUBLIC_BASE + "/inventory/items";
        client.get().uri("/inventory/items").header(HttpHeaders.AUTHORIZATION, "DPoP " + exchanged)
                .header("DPoP", dpop.proof("GET", items, exchanged, null)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
    }

    @Test
    void introspectWhenExchangedTokenThenItsServiceAndActor() throws Exception {
        String exchanged = exchange(userToken().sign(), "inventory", null).toSuccessResponse().getTokens()
                .getAccessToken().getValue();

        client.post().uri("/oauth2/introspect").headers(h -> h.setBearerAuth(tokens.valid().roles("admin").sign()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + exchanged).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.sub").isEqualTo("alice")
                .jsonPath("$.aud").isEqualTo("inventory")
                .jsonPath("$.act.sub").isEqualTo(ORDERS)
                .jsonPath("$.client_id").isEqualTo(ORDERS);
    }

    // --- where the exchanged token goes ---

    @Test
    void exchangedTokenWhenUsedOnBackendRouteThenInvalidTokenAndBackendUntouched() throws Exception {
        String exchanged = exchange(userToken().sign(), "inventory", null).toSuccessResponse().getTokens()
                .getAccessToken().getValue();

        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(exchanged)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error=\"invalid_token\""))
                .expectBody().jsonPath("$.detail").isEqualTo("The token audience is not accepted");

        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void exchangedTokenWhenUsedOnAnotherServiceThenInvalidTokenAndServiceUntouched() throws Exception {
        String exchanged = exchange(userToken().sign(), "inventory", null).toSuccessResponse().getTokens()
                .getAccessToken().getValue();

        client.get().uri("/pricing/items").headers(h -> h.setBearerAuth(exchanged)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class);

        pricing.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void userTokenWhenUsedOnInventoryThenStillAccepted() {
        client.get().uri("/inventory/items").headers(h -> h.setBearerAuth(userToken().sign())).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
    }

    // --- refused ---

    @Test
    void exchangeWhenAudienceNotAllowedThenInvalidTarget() throws Exception {
        double before = count("invalid_target");

        TokenErrorResponse refused = exchange(userToken().sign(), "pricing", null).toErrorResponse();

        assertThat(refused.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(count("invalid_target")).isEqualTo(before + 1);
    }

    @Test
    void exchangeWhenAudienceIsNoServiceThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchange(userToken().sign(), "nowhere", null).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
    }

    @Test
    void exchangeWhenResourceIsOfAnotherHostThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchangeFor(URI.create("https://elsewhere.example/inventory/items"), null)
                .toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(refused.getErrorObject().getDescription()).startsWith("resource must be");
    }

    @Test
    void exchangeWhenResourceServedByNoRouteThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchangeFor(URI.create(PUBLIC_BASE + "/nowhere/items"), null).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(refused.getErrorObject().getDescription()).startsWith("resource must be");
    }

    @Test
    void exchangeWhenResourceIsAServiceTheClientMayNotExchangeForThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchangeFor(URI.create(PUBLIC_BASE + "/pricing/items"), null).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
    }

    @Test
    void exchangeWhenResourcePathServedByRoutesOfTwoServicesThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchangeFor(URI.create(PUBLIC_BASE + "/inventory/prices/7"), null)
                .toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(refused.getErrorObject().getDescription()).startsWith("resource must be");
    }

    @Test
    void exchangeWhenResourceAndAudienceNameDifferentServicesThenInvalidTarget() throws Exception {
        TokenErrorResponse refused = exchangeFor(URI.create(PUBLIC_BASE + "/inventory/items"), "pricing")
                .toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_target");
        assertThat(refused.getErrorObject().getDescription()).startsWith("resource must be");
    }

    @Test
    void exchangeWhenResourceHasAFragmentThenInvalidTarget() {
        post(ORDERS, ORDERS_SECRET, form(userToken().sign()).replace("&audience=inventory", "") + "&resource="
                + encode(PUBLIC_BASE + "/inventory/items#top"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_target");
    }

    @Test
    void exchangeWhenScopeWidensThenInvalidScope() throws Exception {
        TokenErrorResponse refused = exchange(userToken().sign(), "inventory", "inventory:read inventory:delete")
                .toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void exchangeWhenClientMayNotExchangeThenUnauthorizedClient() throws Exception {
        TokenErrorResponse refused = TokenResponse.parse(new TokenRequest.Builder(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(REPORTS), new Secret(REPORTS_SECRET)),
                grant(userToken().sign(), "inventory")).build().toHTTPRequest().send()).toErrorResponse();

        assertThat(refused.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorObject().getCode()).isEqualTo("unauthorized_client");
    }

    @Test
    void exchangeWhenClientSecretWrongThenInvalidClient() {
        post(ORDERS, "not-the-secret", form(userToken().sign()))
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void exchangeWhenSubjectTokenTypeUnsupportedThenInvalidRequest() {
        String body = form(userToken().sign()).replace(encode(TokenTypeURI.ACCESS_TOKEN.getURI().toString()),
                encode("urn:ietf:params:oauth:token-type:saml2"));

        post(ORDERS, ORDERS_SECRET, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenJwtTokenTypeThenAccepted() {
        String body = form(userToken().sign()).replace(encode(TokenTypeURI.ACCESS_TOKEN.getURI().toString()),
                encode(TokenTypeURI.JWT.getURI().toString()));

        post(ORDERS, ORDERS_SECRET, body)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.issued_token_type").isEqualTo(TokenTypeURI.ACCESS_TOKEN.getURI().toString());
    }

    @Test
    void exchangeWhenAudienceMissingThenInvalidRequest() {
        post(ORDERS, ORDERS_SECRET, form(userToken().sign()).replace("&audience=inventory", ""))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenActorTokenIsAnotherPartysThenInvalidRequest() throws Exception {
        TokenErrorResponse refused = exchangeActing(userToken().sign(), userToken().subject("mallory").sign())
                .toErrorResponse();

        assertThat(refused.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenActorTokenExpiredThenInvalidRequest() throws Exception {
        String expired = tokens.valid().subject(ORDERS).issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
                .expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        TokenErrorResponse refused = exchangeActing(userToken().sign(), expired).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenActorTokenRevokedThenInvalidRequest() throws Exception {
        String actor = tokens.valid().subject(ORDERS).sign();
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + actor).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        TokenErrorResponse refused = exchangeActing(userToken().sign(), actor).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenActorTokenWithoutItsTypeThenInvalidRequest() {
        String body = form(userToken().sign()) + "&actor_token=" + tokens.valid().subject(ORDERS).sign();

        post(ORDERS, ORDERS_SECRET, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenActorTokenTypeWithoutTokenThenInvalidRequest() {
        String body = form(userToken().sign()) + "&actor_token_type="
                + encode(TokenTypeURI.ACCESS_TOKEN.getURI().toString());

        post(ORDERS, ORDERS_SECRET, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void exchangeWhenSubjectTokenExpiredThenInvalidGrant() throws Exception {
        String expired = userToken().issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
                .expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign();

        TokenErrorResponse refused = exchange(expired, "inventory", null).toErrorResponse();

        assertThat(refused.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void exchangeWhenSubjectTokenRevokedThenInvalidGrant() throws Exception {
        String user = userToken().sign();
        client.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + user).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        TokenErrorResponse refused = exchange(user, "inventory", null).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void exchangeWhenSubjectTokenForgedThenInvalidGrant() throws Exception {
        String forged = userToken().signedWith("another-secret-that-is-at-least-32-bytes").sign();

        TokenErrorResponse refused = exchange(forged, "inventory", null).toErrorResponse();

        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void discoveryWhenReadThenTokenExchangeAmongGrantTypes() {
        client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.grant_types_supported[1]")
                .isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
    }

    // --- helpers ---

    private TestTokens.Builder userToken() {
        return tokens.valid().claim("scope", USER_SCOPES);
    }

    private TokenResponse exchange(String subjectToken, String audience, String scope) throws Exception {
        TokenRequest.Builder request = new TokenRequest.Builder(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(ORDERS), new Secret(ORDERS_SECRET)), grant(subjectToken, audience));
        if (scope != null) {
            request.scope(Scope.parse(scope));
        }
        return TokenResponse.parse(request.build().toHTTPRequest().send());
    }

    private TokenResponse exchangeFor(URI resource, String audience) throws Exception {
        TokenExchangeGrant grant = new TokenExchangeGrant(new BearerAccessToken(userToken().sign()),
                TokenTypeURI.ACCESS_TOKEN, null, null, null, audience == null ? null : List.of(new Audience(audience)));
        return TokenResponse.parse(new TokenRequest.Builder(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(ORDERS), new Secret(ORDERS_SECRET)), grant).resource(resource)
                .build().toHTTPRequest().send());
    }

    private TokenResponse exchangeActing(String subjectToken, String actorToken) throws Exception {
        TokenExchangeGrant grant = new TokenExchangeGrant(new BearerAccessToken(subjectToken),
                TokenTypeURI.ACCESS_TOKEN, new BearerAccessToken(actorToken), TokenTypeURI.ACCESS_TOKEN, null,
                List.of(new Audience("inventory")));
        return TokenResponse.parse(new TokenRequest.Builder(tokenEndpoint(),
                new ClientSecretBasic(new ClientID(ORDERS), new Secret(ORDERS_SECRET)), grant).build()
                .toHTTPRequest().send());
    }

    private static TokenExchangeGrant grant(String subjectToken, String audience) {
        return new TokenExchangeGrant(new BearerAccessToken(subjectToken), TokenTypeURI.ACCESS_TOKEN, null, null,
                null, List.of(new Audience(audience)));
    }

    private URI tokenEndpoint() {
        return URI.create("http://localhost:" + port + "/oauth2/token");
    }

    private static String form(String subjectToken) {
        return "grant_type=" + encode(TokenExchangeGrant.GRANT_TYPE.getValue()) + "&subject_token=" + subjectToken
                + "&subject_token_type=" + encode(TokenTypeURI.ACCESS_TOKEN.getURI().toString())
                + "&audience=inventory";
    }

    private WebTestClient.ResponseSpec post(String clientId, String secret, String body) {
        return client.post().uri("/oauth2/token")
                .headers(h -> h.setBasicAuth(encode(clientId), encode(secret)))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(body)
                .exchange();
    }

    private double count(String result) {
        return meters.get("gateway.token.exchanges").tag("result", result).counter().count();
    }

    private static JsonNode claims(AccessTokenResponse answer) {
        return claims(answer.getTokens().getAccessToken().getValue());
    }

    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private static String sha256Hex(String key) {
        return HexFormat.of().formatHex(Sha256.digest(key.getBytes(UTF_8)));
    }
}
