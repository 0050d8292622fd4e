package io.jwtgateway.gateway.registration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * RFC 7591 registration and RFC 7592 management of it, as a client library that speaks them does it: Nimbus
 * {@code oauth2-oidc-sdk}'s requests, sent and parsed by the library itself.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.auth-endpoints.enabled=false"})
@AutoConfigureWebTestClient
@ExtendWith({BufferLeaks.class, OutputCaptureExtension.class})
class RegistrationTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
        registry.add("gateway.data-dir", () -> DataDirs.fresh("registration"));
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final TestTokens tokens = new TestTokens();

    @Test
    void registerReadUpdateDeleteWhenNimbusClientThenEachAnsweredAsTheRfcsSay(CapturedOutput output)
            throws Exception {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("Nimbus reports");
        metadata.setScope(Scope.parse("orders:read orders:write"));
        metadata.setCustomField("roles", List.of("user"));

        ClientInformation registered = register(metadata);

        assertThat(registered.getSecret().getValue()).startsWith("gwk_");
        assertThat(registered.getSecret().getExpirationDate()).isNull();
        assertThat(registered.getRegistrationURI()).isEqualTo(URI.create(base() + "/oauth2/register/"
                + registered.getID()));
        assertThat(registered.getMetadata().getScope()).isEqualTo(Scope.parse("orders:read orders:write"));
        ClientInformation read = read(registered);
        assertThat(read.getID()).isEqualTo(registered.getID());
        assertThat(read.getSecret()).isNull();
        assertThat(read.getMetadata().getName()).isEqualTo("Nimbus reports");
        ClientMetadata renamed = read.getMetadata();
        renamed.setName("Nimbus reports, renamed");
        renamed.setScope(Scope.parse("orders:read"));
        ClientInformation updated = update(registered, renamed);
        assertThat(updated.getMetadata().getName()).isEqualTo("Nimbus reports, renamed");
        assertThat(updated.getMetadata().getScope()).isEqualTo(Scope.parse("orders:read"));
        HTTPResponse deleted = new ClientDeleteRequest(registered.getRegistrationURI(),
                registered.getRegistrationAccessToken()).toHTTPRequest().send();
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        HTTPResponse gone = new ClientReadRequest(registered.getRegistrationURI(),
                registered.getRegistrationAccessToken()).toHTTPRequest().send();
        assertThat(gone.getStatusCode()).isEqualTo(401);
        assertThat(output.getAll()).contains("action=client_created", "action=client_updated",
                "actor=client:" + registered.getID() + " action=client_deleted")
                .doesNotContain(registered.getSecret().getValue(),
                        registered.getRegistrationAccessToken().getValue());
    }

    @Test
    void secretWhenRegisteredThenWorksAtBothTokenEndpoints() throws Exception {
        ClientInformation registered = register(new ClientMetadata());
        String secret = registered.getSecret().getValue();

        TokenResponse token = TokenResponse.parse(new TokenRequest(URI.create(base() + "/oauth2/token"),
                new ClientSecretBasic(registered.getID(), registered.getSecret()), new ClientCredentialsGrant())
                .toHTTPRequest().send());

        assertThat(token.indicatesSuccess()).isTrue();
        client.post().uri("/api/v3/auth").header("X-API-Key", secret).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.token").isNotEmpty();
    }

    @Test
    void registerWhenInitialAccessTokenIsNoAdminsThenRefused() throws Exception {
        HTTPResponse response = new ClientRegistrationRequest(URI.create(base() + "/oauth2/register"),
                new ClientMetadata(), new BearerAccessToken(tokens.valid().sign())).toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(403);
    }

    @Test
    void registerWhenMetadataWrongThenInvalidClientMetadata() throws Exception {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setCustomField("token_lifetime", "long");

        ClientRegistrationResponse response = ClientRegistrationResponse.parse(new ClientRegistrationRequest(
                URI.create(base() + "/oauth2/register"), metadata, admin()).toHTTPRequest().send());

        assertThat(response).isInstanceOfSatisfying(ClientRegistrationErrorResponse.class, error -> {
            assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_client_metadata");
            assertThat(error.getErrorObject().getDescription()).startsWith("token_lifetime");
        });
    }

    @Test
    void updateWhenClientWidensItsOwnRolesThenRefusedAndNothingChanged() throws Exception {
        ClientInformation registered = register(new ClientMetadata());
        ClientMetadata widened = read(registered).getMetadata();
        widened.setCustomField("roles", List.of("admin"));

        HTTPResponse response = new ClientUpdateRequest(registered.getRegistrationURI(), registered.getID(),
                registered.getRegistrationAccessToken(), widened, registered.getSecret()).toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBodyAsJSONObject().get("error")).isEqualTo("invalid_client_metadata");
        assertThat(read(registered).getMetadata().getCustomField("roles")).isEqualTo(List.of());
    }

    @Test
    void readWhenTokenOfAnotherClientThenUnauthorizedAsForAnUnknownClient() throws Exception {
        ClientInformation first = register(new ClientMetadata());
        ClientInformation second = register(new ClientMetadata());

        HTTPResponse wrong = new ClientReadRequest(first.getRegistrationURI(), second.getRegistrationAccessToken())
                .toHTTPRequest().send();
        HTTPResponse unknown = new ClientReadRequest(URI.create(base() + "/oauth2/register/nobody"),
                second.getRegistrationAccessToken()).toHTTPRequest().send();

        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(wrong.getHeaderValue("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void registerWhenNoTokenThenUnauthorizedAndNoClient() {
        client.post().uri("/oauth2/register").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().returnResult();
    }

    private ClientInformation register(ClientMetadata metadata) throws Exception {
        ClientRegistrationResponse response = ClientRegistrationResponse.parse(new ClientRegistrationRequest(
                URI.create(base() + "/oauth2/register"), metadata, admin()).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response).isTrue();
        return ((ClientInformationResponse) response).getClientInformation();
    }

    private ClientInformation read(ClientInformation registered) throws Exception {
        ClientRegistrationResponse response = ClientRegistrationResponse.parse(new ClientReadRequest(
                registered.getRegistrationURI(), registered.getRegistrationAccessToken()).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response).isTrue();
        return ((ClientInformationResponse) response).getClientInformation();
    }

    private ClientInformation update(ClientInformation registered, ClientMetadata metadata) throws Exception {
        ClientRegistrationResponse response = ClientRegistrationResponse.parse(new ClientUpdateRequest(
                registered.getRegistrationURI(), registered.getID(), registered.getRegistrationAccessToken(),
                metadata, registered.getSecret()).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response).isTrue();
        return ((ClientInformationResponse) response).getClientInformation();
    }

    private BearerAccessToken admin() {
        return new BearerAccessToken(tokens.valid().subject("operator-bob").roles("admin").sign());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
