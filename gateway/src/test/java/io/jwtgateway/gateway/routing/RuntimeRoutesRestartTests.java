package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** The file store, the default: a route added at runtime is served again after a restart over the same data dir. */
class RuntimeRoutesRestartTests {

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final String admin = new TestTokens().valid().roles("admin").sign();

    @TempDir
    Path dataDir;

    @BeforeEach
    void startBackend() {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @AfterEach
    void stopBackend() {
        backend.stop();
    }

    @Test
    void restartWhenARouteWasAddedThenItIsServedAgain() {
        try (GatewayReplica before = start()) {
            before.client().post().uri("/actuator/gateway/routes/archive").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("""
                            {"uri": "lb://backend", "predicates": ["Path=/archive/**"],
                             "metadata": {"auth": "public"}}""")
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody(Void.class);
        }

        try (GatewayReplica after = start()) {
            after.client().get().uri("/archive/2024").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("from backend");
        }
    }

    private GatewayReplica start() {
        return GatewayReplica.start("--gateway.backend.uris=" + backend.baseUrl(), "--gateway.data-dir=" + dataDir);
    }
}
