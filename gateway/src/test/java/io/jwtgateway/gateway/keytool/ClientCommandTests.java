package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.JarProcess;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keys client} and {@code keys key} against a running gateway's operator API on its main port, with an admin
 * token: the keys they print get tokens, and lose them when revoked.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.uris=http://localhost:9",
        "gateway.rate-limit.auth-endpoints.enabled=false"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ClientCommandTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> DataDirs.fresh("client-command"));
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final String admin = new TestTokens().valid().subject("operator-carol").roles("admin").sign();

    @Test
    void clientCreateWhenRunThenPrintsTheClientWithAKeyThatGetsAToken() {
        Run create = keys("client", "create", "--id", "cli-1", "--name", "CLI one", "--roles", "user,auditor",
                "--scope", "orders:read orders:write", "--token-lifetime", "5m", "--rate-limit", "5/10");

        assertThat(create.exit()).isZero();
        JsonNode created = JSON.readTree(create.out());
        assertThat(created.get("client_name").asString()).isEqualTo("CLI one");
        assertThat(created.get("token_lifetime").asLong()).isEqualTo(300);
        assertThat(created.get("rate_limit").get("burst_capacity").asInt()).isEqualTo(10);
        assertThat(tokenStatus(created.get("api_key").asString())).isEqualTo(200);
    }

    @Test
    void keyAddThenRevokeWhenRunThenTheNewKeyWorksAndTheOldIsRefused() {
        JsonNode created = JSON.readTree(keys("client", "create", "--id", "cli-2").out());
        String oldKey = created.get("api_key").asString();

        Run add = keys("key", "add", "cli-2", "--expires-in", "90d");
        Run revoke = keys("key", "revoke", "cli-2", created.get("keys").get(0).get("key_id").asString());

        assertThat(add.exit()).isZero();
        assertThat(revoke.exit()).isZero();
        JsonNode added = JSON.readTree(add.out());
        assertThat(added.get("expires_at").asLong()).isGreaterThan(System.currentTimeMillis() / 1000 + 89 * 86400);
        assertThat(tokenStatus(added.get("api_key").asString())).isEqualTo(200);
        assertThat(tokenStatus(oldKey)).isEqualTo(401);
    }

    @Test
    void clientDisableThenEnableWhenRunThenTheKeyRefusedThenServedAgain() {
        String key = JSON.readTree(keys("client", "create", "--id", "cli-3").out()).get("api_key").asString();

        assertThat(keys("client", "disable", "cli-3").exit()).isZero();
        assertThat(tokenStatus(key)).isEqualTo(401);
        assertThat(keys("client", "enable", "cli-3").exit()).isZero();
        assertThat(tokenStatus(key)).isEqualTo(200);
    }

    @Test
    void clientListWhenGatewayAndTokenFromTheEnvironmentThenListed() {
        keys("client", "create", "--id", "cli-4");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new KeysCommand(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8),
                Map.of("GATEWAY_URL", "http://localhost:" + port, "GATEWAY_TOKEN", admin))
                .run("client", "list");

        assertThat(exit).isZero();
        assertThat(out.toString(UTF_8)).contains("\"client_id\" : \"cli-4\"");
    }

    @Test
    void clientUpdateWhenTheGatewayRefusesThenExitOneNamingTheMember() {
        keys("client", "create", "--id", "cli-5");

        Run update = keys("client", "update", "cli-5", "--token-lifetime", "400d");

        assertThat(update.exit()).isEqualTo(1);
        assertThat(update.err()).contains("answered 400", "#/token_lifetime");
    }

    @Test
    void clientShowWhenNoTokenThenExitOneUnauthorized() {
        Run show = run(List.of("client", "show", "cli-1", "--gateway", "http://localhost:" + port));

        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.err()).contains("answered 401");
    }

    @Test
    void clientWhenCommandLineWrongThenExitTwo() {
        assertThat(keys("client", "create", "stray").exit()).isEqualTo(2);
        assertThat(keys("client", "create", "--rate-limit", "5").exit()).isEqualTo(2);
        assertThat(keys("client", "update", "cli-6").exit()).isEqualTo(2);
        assertThat(keys("client", "frobnicate").exit()).isEqualTo(2);
        assertThat(keys("key", "revoke", "cli-6").exit()).isEqualTo(2);
    }

    @Test
    void clientListWhenGatewayUnreachableThenExitOne() {
        Run list = run(List.of("client", "list", "--gateway", "http://localhost:" + JarProcess.freePort()));

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("cannot reach");
    }

    private Run keys(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--gateway", "http://localhost:" + port, "--token", admin));
        return run(all);
    }

    private static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new KeysCommand(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8), Map.of()).run(args.toArray(String[]::new));
        return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    private int tokenStatus(String apiKey) {
        return client.post().uri("/api/v3/auth").header("X-API-Key", apiKey).exchange()
                .expectBody().returnResult().getStatus().value();
    }

    record Run(int exit, String out, String err) {
    }
}
