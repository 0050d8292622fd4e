package io.jwtgateway.gateway.management;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness waits for what the gateway needs to decide requests at all: the revoked set's first load when it lives in
 * Redis, the routes added at runtime when they live there, and a key from each trusted issuer's JWKS. Later outages of either leave it ready (fail static). Liveness
 * follows neither: a replica waiting on Redis is not broken.
 */
@ExtendWith(BufferLeaks.class)
class ReadinessTests {

    static final Duration RESYNC = Duration.ofMillis(200);
    static final Duration WITHIN = Duration.ofSeconds(5);
    static final Duration MAX_STALENESS = Duration.ofSeconds(2);

    final WireMockServer identityProvider = new WireMockServer(wireMockConfig().dynamicPort());
    GatewayReplica gateway;
    RedisServer redis;

    @TempDir
    Path dataDir;

    @AfterEach
    void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.close();
        }
        identityProvider.stop();
    }

    /** A reload that fails while Redis answers: its key holds a string where the revoked set's sorted set belongs. */
    @Test
    void readinessWhenTheRevokedSetCannotBeLoadedAtStartThenDownUntilItsFirstLoad() {
        redis = RedisServer.startOrSkip();
        assertThat(redis.command("SET", "jwt-gateway:revoked", "not a sorted set")).isEqualTo("+OK");
        WebTestClient client = start(redisRevocations("deny"));

        awaitStatus(client, "/readyz", 503);
        gateway.managementClient().get().uri("/actuator/health/revocationStore").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.details.copy").isEqualTo("unusable");
        client.get().uri("/livez").exchange().expectStatus().isOk().expectBody(Void.class);

        assertThat(redis.command("DEL", "jwt-gateway:revoked")).isEqualTo(":1");

        awaitStatus(client, "/readyz", 200);
    }

    @Test
    void readinessWhenTheRoutesStoreIsUnreachableAtStartThenDownUntilItsFirstLoadAndUpAfterwards() {
        redis = RedisServer.startOrSkip();
        redis.stop();
        WebTestClient client = start("--gateway.routes.store=redis", "--spring.data.redis.url=" + redis.url(),
                "--gateway.store.resync-interval=" + RESYNC.toMillis() + "ms", "--gateway.store.timeout=300ms",
                "--gateway.data-dir=" + dataDir);

        awaitStatus(client, "/readyz", 503);
        client.get().uri("/livez").exchange().expectStatus().isOk().expectBody(Void.class);

        redis.start();
        awaitStatus(client, "/readyz", 200);

        redis.stop();
        GatewayReplica.pause(RESYNC.multipliedBy(4).toMillis());           // several failed reloads
        client.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    /**
     * Redis is shared, so its outage reaches every replica at once: readiness that followed it would take them all out
     * of rotation together, public routes and the token endpoint with them. Each replica stays ready, and its health
     * details on the management port say how far its copy of the revoked set can be trusted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"deny", "allow"})
    void readinessWhenRedisStopsAfterTheFirstLoadThenStaysUpPastMaxStalenessAndDetailsSaySo(String onStoreFailure) {
        redis = RedisServer.startOrSkip();
        WebTestClient client = start(redisRevocations(onStoreFailure));
        WebTestClient management = gateway.managementClient();
        awaitStatus(client, "/readyz", 200);

        redis.stop();

        long deadline = System.nanoTime() + MAX_STALENESS.plus(WITHIN).toNanos();
        while (!"unusable".equals(copy(management))) {               // ready all along: current, stale, unusable
            client.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
            assertThat(System.nanoTime()).as("copy unusable after max-staleness").isLessThan(deadline);
            GatewayReplica.pause(50);
        }
        client.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
        management.get().uri("/actuator/health/revocationStore").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.details.onStoreFailure").isEqualTo(onStoreFailure)
                .jsonPath("$.details.lastReload").isNotEmpty()
                .jsonPath("$.details.staleSince").isNotEmpty();
        client.get().uri("/livez").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    void readinessWhenTrustedIssuerJwksNotYetLoadedThenDownUntilAKeyArrives() {
        identityProvider.start();
        identityProvider.stubFor(get("/jwks").willReturn(serviceUnavailable()));
        WebTestClient client = start("--gateway.auth.trusted-issuers[0].issuer=https://idp.example",
                "--gateway.auth.trusted-issuers[0].jwks-uri=" + identityProvider.baseUrl() + "/jwks",
                "--gateway.auth.trusted-issuers[0].audiences=api",
                "--gateway.auth.trusted-issuers[0].jwks-refresh-interval=" + RESYNC.toMillis() + "ms");

        awaitStatus(client, "/readyz", 503);
        client.get().uri("/livez").exchange().expectStatus().isOk().expectBody(Void.class);

        identityProvider.stubFor(get("/jwks").willReturn(okJson(jwks(Jwts.SIG.ES256.keyPair().build()))));

        awaitStatus(client, "/readyz", 200);
    }

    @Test
    void readinessWhenTrustedIssuerJwksFailsAfterLoadingThenStaysUp() throws InterruptedException {
        identityProvider.start();
        identityProvider.stubFor(get("/jwks").willReturn(okJson(jwks(Jwts.SIG.ES256.keyPair().build()))));
        WebTestClient client = start("--gateway.auth.trusted-issuers[0].issuer=https://idp.example",
                "--gateway.auth.trusted-issuers[0].jwks-uri=" + identityProvider.baseUrl() + "/jwks",
                "--gateway.auth.trusted-issuers[0].audiences=api",
                "--gateway.auth.trusted-issuers[0].jwks-refresh-interval=" + RESYNC.toMillis() + "ms");
        awaitStatus(client, "/readyz", 200);

        identityProvider.stubFor(get("/jwks").willReturn(serviceUnavailable()));
        Thread.sleep(RESYNC.multipliedBy(4).toMillis());                // several failed refreshes

        client.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    private String[] redisRevocations(String onStoreFailure) {
        return new String[] {"--gateway.auth.revocation.store=redis",
                "--gateway.auth.revocation.on-store-failure=" + onStoreFailure,
                "--gateway.auth.revocation.resync-interval=" + RESYNC.toMillis() + "ms",
                "--gateway.auth.revocation.max-staleness=" + MAX_STALENESS.toMillis() + "ms",
                "--gateway.auth.revocation.timeout=300ms",
                "--spring.data.redis.url=" + redis.url(),
                "--management.server.port=0"};
    }

    private static String copy(WebTestClient management) {
        Map<String, Object> health = management.get().uri("/actuator/health/revocationStore").exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
        return health == null ? "" : String.valueOf(((Map<?, ?>) health.get("details")).get("copy"));
    }

    private WebTestClient start(String... arguments) {
        gateway = GatewayReplica.start(arguments);
        return gateway.client();
    }

    private static void awaitStatus(WebTestClient client, String path, int expected) {
        Instant deadline = Instant.now().plus(WITHIN);
        int status;
        do {
            status = client.get().uri(path).exchange().returnResult(Void.class).getStatus().value();
            if (status == expected) {
                return;
            }
            GatewayReplica.pause(50);
        } while (Instant.now().isBefore(deadline));
        assertThat(status).as("%s within %s", path, WITHIN).isEqualTo(expected);
    }

    private static String jwks(KeyPair pair) {
        Map<String, ?> jwk = new TreeMap<>(Jwks.builder().key(pair.getPublic()).algorithm("ES256").publicKeyUse("sig")
                .idFromThumbprint().build());
        return JsonMapper.builder().build().writeValueAsString(Map.of("keys", List.of(jwk)));
    }
}
