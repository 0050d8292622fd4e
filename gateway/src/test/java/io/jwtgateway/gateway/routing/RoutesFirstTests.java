package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.RawHttp;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Routes are looked up first, yet a catch-all route ({@code /**}, public) never takes a path the gateway's own
 * endpoints or the actuator serve, in any spelling those endpoints accept.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "spring.cloud.gateway.server.webflux.routes[0].id=everything",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**",
        "spring.cloud.gateway.server.webflux.routes[0].metadata.auth=public"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RoutesFirstTests {

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

    @Autowired
    RoutesFirstHandlerMapping mapping;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void pathWhenNoOwnEndpointServesItThenTheCatchAllRouteTakesIt() {
        client.get().uri("/anything/at/all").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");

        backend.verify(1, getRequestedFor(urlEqualTo("/anything/at/all")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  | /.well-known/jwks.json                  | 200",
            "GET  | /.well-known/oauth-authorization-server | 200",
            "GET  | /actuator/health                        | 200",
            "GET  | /actuator/metrics                       | 401",
            "GET  | /                                       | 200",
            "GET  | /playground.js                          | 200",
            "POST | /api/v3/auth                            | 400",
            "GET  | /api/v3/auth/revoke                     | 405",
            "GET  | /oauth2/token                           | 405",
            "POST | /oauth2/introspect                      | 401",
            "POST | /oauth2/revoke                          | 400"})
    void ownEndpointWhenACatchAllRouteExistsThenTheGatewayServesIt(String method, String path, int status) {
        client.method(HttpMethod.valueOf(method)).uri(builder -> builder.path(path).build()).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("from backend"));

        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void operatorEndpointWhenSpelledEncodedThenStillTheGuardedEndpointNotTheRoute() throws IOException {
        String response = RawHttp.exchange(port, "GET", "/%61ctuator/metrics", "");

        assertThat(response).startsWith("HTTP/1.1 401").doesNotContain("from backend");
        backend.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void reservedPathsWhenTheDefaultEndpointsThenListedOneByOne() {
        ReservedPaths reserved = mapping.reserved();

        assertThat(reserved.whyEverything()).as("every endpoint's paths could be read").isNull();
    }
}
