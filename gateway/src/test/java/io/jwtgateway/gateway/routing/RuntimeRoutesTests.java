package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Routes added, replaced and removed at runtime through Spring Cloud Gateway's route API on the main port, for admin
 * tokens: a route added is served with its policy at once, a removed one answers 404, and a route that breaks a rule
 * is refused with every problem listed and changes nothing.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.routes.max-routes=3"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class RuntimeRoutesTests {

    static final String ROUTES = "/actuator/gateway/routes/";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> dataDir.toString());       // the routes added here
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    final TestTokens tokens = new TestTokens();
    final String admin = tokens.valid().roles("admin").sign();
    final List<String> added = new ArrayList<>();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @AfterEach
    void removeAdded() {
        added.forEach(id -> client.delete().uri(ROUTES + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectBody(String.class));
    }

    @Test
    void addWhenPublicRouteThenServedWithoutToken() {
        save("orders", """
                {"uri": "lb://backend", "predicates": ["Path=/orders/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, ROUTES + "orders")
                .expectBody(Void.class);

        client.get().uri("/orders/42").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        backend.verify(1, getRequestedFor(urlEqualTo("/orders/42")));
    }

    @Test
    void addWhenRouteSaysNothingOfItsPolicyThenATokenIsNeeded() {
        save("invoices", """
                {"uri": "lb://backend",
                 "predicates": [{"name": "Path", "args": {"_genkey_0": "/invoices/**"}}]}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        client.get().uri("/invoices/1").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
        client.get().uri("/invoices/1").headers(h -> h.setBearerAuth(tokens.valid().sign())).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        backend.verify(1, getRequestedFor(urlEqualTo("/invoices/1")));
    }

    @Test
    void addWhenRouteNeedsARoleThenAUserIsRefusedAndAnAdminServed() {
        save("reports", """
                {"uri": "lb://backend", "predicates": ["Path=/reports/**"],
                 "metadata": {"auth": "authenticated", "roles": ["auditor"]}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        client.get().uri("/reports/q1").headers(h -> h.setBearerAuth(tokens.valid().sign())).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("insufficient_scope");
        client.get().uri("/reports/q1").headers(h -> h.setBearerAuth(tokens.valid().roles("auditor").sign()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        backend.verify(1, getRequestedFor(urlEqualTo("/reports/q1")));
    }

    @Test
    void removeWhenRouteAddedThenItsPathsAnswer404() {
        save("carts", """
                {"uri": "lb://backend", "predicates": ["Path=/carts/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);
        client.get().uri("/carts/1").exchange().expectStatus().isOk()
                .expectBody(Void.class);

        client.delete().uri(ROUTES + "carts").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        client.get().uri("/carts/1").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Void.class);
        backend.verify(1, getRequestedFor(urlPathMatching("/carts/.*")));
    }

    @Test
    void addWhenRouteCoversTheTokenEndpointThenRefusedAndNothingChanged() {
        save("grab", """
                {"uri": "lb://backend", "predicates": ["Path=/oauth2/token"], "metadata": {"auth": "public"}}""")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.error").isEqualTo("invalid_route")
                .jsonPath("$.errors[0].pointer").isEqualTo("#/predicates/0")
                .jsonPath("$.errors[0].detail").value(reason -> assertThat((String) reason)
                        .contains("/oauth2/token"));

        assertNoRoute("grab");
        client.post().uri("/oauth2/token").exchange()                  // the token endpoint's own answer
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("invalid_request");
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void addWhenRouteIsACatchAllThenRefused() {
        save("everything", """
                {"uri": "lb://backend", "predicates": ["Path=/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].pointer").isEqualTo("#/predicates/0");

        assertNoRoute("everything");
        client.get().uri("/no/such/path").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void addWhenServiceUnknownThenRefusedNamingTheUri() {
        save("payments", """
                {"uri": "lb://payments", "predicates": ["Path=/payments/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].pointer").isEqualTo("#/uri")
                .jsonPath("$.errors[0].detail").value(reason -> assertThat((String) reason)
                        .contains("lb://payments is not a service"));

        assertNoRoute("payments");
        client.get().uri("/payments/1").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void addWhenAuthValueUnknownThenRefusedNamingTheMetadata() {
        save("docs", """
                {"uri": "lb://backend", "predicates": ["Path=/docs/**"], "metadata": {"auth": "publik"}}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].pointer").isEqualTo("#/metadata/auth");

        assertNoRoute("docs");
        client.get().uri("/docs/1").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void addWhenFilterUnknownThenOurProblemNamingTheFilter() {
        save("search", """
                {"uri": "lb://backend", "predicates": ["Path=/search/**"], "filters": ["StripPrefix=1", "Teleport=1"],
                 "metadata": {"auth": "public"}}""")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.request_id").exists()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].pointer").isEqualTo("#/filters/1");

        assertNoRoute("search");
    }

    @Test
    void addWhenManyThingsWrongThenEveryOneListed() {
        save("bad", """
                {"uri": "ftp://files", "order": -5, "predicates": ["Path=/bad/**", "Nowhere=1"],
                 "filters": ["StripPrefix=one"],
                 "metadata": {"auth": "publik", "roles": "", "response-timeout": "soon"}}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].pointer").value(names -> assertThat((List<String>) names)
                        .containsExactlyInAnyOrder("#/uri", "#/order", "#/metadata/auth", "#/metadata/roles",
                                "#/metadata/response-timeout", "#/predicates/1", "#/filters/0"));

        assertNoRoute("bad");
    }

    @Test
    void addWhenNoPathPredicateThenRefused() {
        save("hosted", """
                {"uri": "lb://backend", "predicates": ["Host=api.example.com"], "metadata": {"auth": "public"}}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].pointer").isEqualTo("#/predicates");

        assertNoRoute("hosted");
    }

    @Test
    void addWhenIdIsAConfiguredRouteThenConflictAndTheRouteUnchanged() {
        save("admin", """
                {"uri": "lb://backend", "predicates": ["Path=/api/v3/admin/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.error").isEqualTo("read_only_route")
                .jsonPath("$.errors[0].pointer").isEqualTo("#/id");

        client.delete().uri(ROUTES + "admin").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody(Void.class);
        client.get().uri("/api/v3/admin").headers(h -> h.setBearerAuth(tokens.valid().sign())).exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void addWhenSamePathsAsAConfiguredRouteThenTheConfiguredRouteStillDecides() {
        save("open-admin", """
                {"uri": "lb://backend", "predicates": ["Path=/api/v3/admin/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        client.get().uri("/api/v3/admin/users").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refreshWhenAskedThenTheRoutesAddedAreStillServed() {
        save("wallets", """
                {"uri": "lb://backend", "predicates": ["Path=/wallets/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        client.post().uri("/actuator/gateway/refresh").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        client.get().uri("/wallets/1").exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    @Test
    void removeWhenIdUnknownThenNotFoundProblem() {
        client.delete().uri(ROUTES + "never-added").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("route_not_found");
    }

    @Test
    void addWhenAnonymousThenUnauthorizedAndNothingChanged() {
        client.post().uri(ROUTES + "sneaky").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"uri": "lb://backend", "predicates": ["Path=/sneaky/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);

        client.get().uri("/sneaky/1").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void addWhenUserTokenThenForbiddenAndNothingChanged() {
        client.post().uri(ROUTES + "sneaky").headers(h -> h.setBearerAuth(tokens.valid().sign()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/sneaky/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(Void.class);

        client.get().uri("/sneaky/1").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void addWhenMaxRoutesReachedThenRefusedAndAReplacementStillTaken() {
        for (String id : List.of("full-1", "full-2", "full-3")) {
            save(id, "{\"uri\": \"lb://backend\", \"predicates\": [\"Path=/" + id + "/**\"]}")
                    .expectStatus().isCreated()
                    .expectBody(Void.class);
        }

        save("full-4", """
                {"uri": "lb://backend", "predicates": ["Path=/full-4/**"]}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("too_many_routes")
                .jsonPath("$.errors[0].pointer").isEqualTo("#/id");
        save("full-1", """
                {"uri": "lb://backend", "predicates": ["Path=/full-one/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        assertNoRoute("full-4");
        client.get().uri("/full-one/1").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");
    }

    @Test
    void addManyWhenOneIsBadThenNoneAdded() {
        client.post().uri("/actuator/gateway/routes").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        [{"id": "good", "uri": "lb://backend", "predicates": ["Path=/good/**"],
                          "metadata": {"auth": "public"}},
                         {"id": "wrong", "uri": "lb://backend", "predicates": ["Path=/wrong/**"],
                          "metadata": {"auth": "publik"}}]""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].pointer").isEqualTo("#/1/metadata/auth");

        assertNoRoute("good");
        client.get().uri("/good/1").exchange().expectStatus().isNotFound()
                .expectBody(Void.class);
    }

    @Test
    void replaceWhenPolicyTightenedThenTheNewPolicyServed() {
        save("catalog", """
                {"uri": "lb://backend", "predicates": ["Path=/catalog/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);
        client.get().uri("/catalog/1").exchange().expectStatus().isOk()
                .expectBody(Void.class);

        save("catalog", """
                {"uri": "lb://backend", "predicates": ["Path=/catalog/**"], "metadata": {"auth": "authenticated"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        client.get().uri("/catalog/1").exchange().expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    /** A route's filters changed at runtime run from the next request, whatever filters ran before. */
    @Test
    void replaceWhenFiltersChangedThenTheNewFiltersRunFromTheNextRequest() {
        for (String version : List.of("1", "2")) {
            save("versioned", """
                    {"uri": "lb://backend", "predicates": ["Path=/versioned/**"], "metadata": {"auth": "public"},
                     "filters": ["AddRequestHeader=X-Version, %s"]}""".formatted(version))
                    .expectStatus().isCreated()
                    .expectBody(Void.class);
            client.get().uri("/versioned/" + version).exchange().expectStatus().isOk()
                    .expectBody(Void.class);

            backend.verify(getRequestedFor(urlEqualTo("/versioned/" + version))
                    .withHeader("X-Version", equalTo(version)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"uri\": ", "[1, 2]", "{\"uri\": \"lb://backend\", \"order\": \"first\"}",
            "{\"uri\": \"lb://backend\", \"predicates\": [\"Path\"]}"})
    void addWhenBodyIsNoRouteThenBadRequestProblem(String body) {
        save("broken", body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400);

        assertNoRoute("broken");
    }

    @Test
    void addWhenBodyOversizedThenRefusedWithAProblem() {
        String huge = "{\"uri\": \"lb://backend\", \"metadata\": {\"pad\": \"" + "x".repeat(300_000) + "\"}}";

        save("huge", huge)
                .expectStatus().is4xxClientError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Void.class);

        assertNoRoute("huge");
    }

    @Test
    void changesWhenMadeThenOneAuditLineEachNamingTheAdminAndARefusalNone(CapturedOutput output) {
        String bob = tokens.valid().subject("operator-bob").roles("admin").sign();
        client.post().uri(ROUTES + "audited").headers(h -> h.setBearerAuth(bob))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/audited/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);
        client.post().uri(ROUTES + "refused").headers(h -> h.setBearerAuth(bob))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://nowhere", "predicates": ["Path=/refused/**"]}""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(Void.class);
        client.delete().uri(ROUTES + "audited").headers(h -> h.setBearerAuth(bob)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        assertThat(output.getAll())
                .containsPattern("actor=operator-bob action=route_saved request_id=[0-9a-f-]{36} route_id=audited "
                        + "auth=public")
                .containsPattern("actor=operator-bob action=route_deleted request_id=[0-9a-f-]{36} route_id=audited")
                .doesNotContain("route_id=refused");
    }

    private WebTestClient.ResponseSpec save(String id, String json) {
        added.add(id);
        return client.post().uri(ROUTES + id).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange();
    }

    private void assertNoRoute(String id) {
        client.get().uri(ROUTES + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Void.class);
    }
}
