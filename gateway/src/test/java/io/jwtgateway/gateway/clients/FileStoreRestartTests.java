package io.jwtgateway.gateway.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.GatewayReplica;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One node with the default file store: registered clients, their keys and their revocations outlive a restart. */
class FileStoreRestartTests {

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final Path dataDir = DataDirs.fresh("restart");

    @AfterEach
    void stopBackend() {
        backend.stop();
    }

    @Test
    void restartWhenClientRegisteredThenItsKeyAndTokenStillWorkAndItsRevokedKeyStaysRefused() throws Exception {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        String kept;
        String revoked;
        String token;
        try (GatewayReplica before = start()) {
            OperatorApi api = OperatorApi.onMainPort(before.client());
            JsonNode created = api.create("{\"client_id\": \"durable-1\", \"token_lifetime\": 600}");
            revoked = created.get("api_key").asString();
            kept = api.addKey("durable-1").get("api_key").asString();
            api.revokeKey("durable-1", created.get("keys").get(0).get("key_id").asString());
            token = api.token(kept);
        }
        assertThat(Files.readString(dataDir.resolve("clients.json"))).contains("durable-1").doesNotContain(kept,
                revoked);

        try (GatewayReplica after = start()) {
            assertThat(Replicas.tokenStatus(after.client(), kept)).isEqualTo(200);
            assertThat(Replicas.routeStatus(after.client(), token)).isEqualTo(200);
            assertThat(Replicas.tokenStatus(after.client(), revoked)).isEqualTo(401);
        }
    }

    private GatewayReplica start() {
        return GatewayReplica.start("--gateway.data-dir=" + dataDir, "--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.rate-limit.auth-endpoints.enabled=false");
    }
}
