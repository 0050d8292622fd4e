package io.jwtgateway.gateway.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.RedisServer;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bounded staleness: two replicas sharing a real {@code redis-server}, one with {@code on-store-failure: deny}, one
 * with {@code allow}, both with a short {@code max-staleness}. While Redis is stopped, each keeps checking tokens
 * against its last copy of the revoked set until max-staleness after its last reload, then applies on-store-failure;
 * each test stops Redis once and starts it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BufferLeaks.class)
class RevocationStalenessTests {

    static final Duration RESYNC = Duration.ofMillis(200);                 // stale 600 ms after the last reload
    static final Duration MAX_STALENESS = Duration.ofSeconds(3);

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final List<GatewayReplica> replicas = new ArrayList<>();
    final TestTokens tokens = new TestTokens();
    RedisServer redis;
    boolean redisStopped;
    WebTestClient strict;
    WebTestClient strictManagement;
    WebTestClient lenient;
    WebTestClient lenientManagement;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        GatewayReplica deny = start("deny");
        strict = deny.client();
        strictManagement = deny.managementClient();
        GatewayReplica allow = start("allow");
        lenient = allow.client();
        lenientManagement = allow.managementClient();
    }

    @AfterEach
    void redisBackAndCopiesCurrent() {
        if (redisStopped) {
            startRedis();
        }
        awaitCopy(strictManagement, "current", Duration.ofSeconds(5));
        awaitCopy(lenientManagement, "current", Duration.ofSeconds(5));
    }

    @AfterAll
    void stopAll() {
        replicas.forEach(GatewayReplica::close);
        backend.stop();
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void protectedRequestWhenRedisStoppedWithinMaxStalenessThenServedFromLastCopyAndCounted() {
        String revokedBefore = revokedOnBothReplicas();
        String token = tokens.valid().sign();
        double before = servedStale(strictManagement);

        stopRedis();
        awaitCopy(strictManagement, "stale", MAX_STALENESS);

        secret(strict, token).expectStatus().isOk().expectBody(Void.class);
        secret(strict, revokedBefore).expectStatus().isUnauthorized().expectBody(Void.class);
        assertThat(servedStale(strictManagement) - before).isEqualTo(1);   // the one served; the refusal is not
        assertThat(health(strictManagement).details()).containsEntry("copy", "stale");   // all within max-staleness
    }

    @Test
    @Order(2)
    void healthWhenRedisStoppedWithinMaxStalenessThenReadyAndDetailsSayStaleSinceWhenAndUntilWhen() {
        stopRedis();
        awaitCopy(strictManagement, "stale", MAX_STALENESS);

        strict.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
        Health health = health(strictManagement);
        assertThat(health.status()).isEqualTo("UP");
        Instant lastReload = Instant.parse((String) health.details().get("lastReload"));
        assertThat(health.details())
                .containsEntry("onStoreFailure", "deny")
                .containsEntry("staleSince", lastReload.plus(RESYNC.multipliedBy(3)).toString())
                .containsEntry("staleUntil", lastReload.plus(MAX_STALENESS).toString());
    }

    @Test
    @Order(3)
    void revokeWhenRedisStoppedThenServiceUnavailableAndNothingRecorded() {
        String token = tokens.valid().sign();

        stopRedis();
        awaitCopy(lenientManagement, "stale", MAX_STALENESS);

        lenient.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
        secret(lenient, token).expectStatus().isOk().expectBody(Void.class);   // not even on the replica asked

        startRedis();
        awaitCopy(lenientManagement, "current", Duration.ofSeconds(5));
        awaitCopy(strictManagement, "current", Duration.ofSeconds(5));
        secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
        secret(strict, token).expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    @Order(4)
    void protectedRequestWhenRedisStoppedPastMaxStalenessThenDenyRefusesWith503AfterMaxStalenessOnly() {
        String token = tokens.valid().sign();
        secret(strict, token).expectStatus().isOk().expectBody(Void.class);

        long stopped = System.nanoTime();
        stopRedis();
        awaitStatus(strict, token, 503, MAX_STALENESS.multipliedBy(2));
        Duration untilRefused = Duration.ofNanos(System.nanoTime() - stopped);

        assertThat(untilRefused).isGreaterThan(MAX_STALENESS.minusSeconds(1));   // the last reload was < 1 s before
        secret(strict, token).expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("WWW-Authenticate")
                .expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
        strict.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(Void.class);
        strict.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(health(strictManagement).details()).containsEntry("copy", "unusable");
    }

    @Test
    @Order(5)
    void protectedRequestWhenRedisStoppedPastMaxStalenessThenAllowServesCountedAsUnchecked() {
        String token = tokens.valid().sign();
        String revokedBefore = revokedOnBothReplicas();
        double before = allowedUnchecked();

        stopRedis();
        awaitCopy(lenientManagement, "unusable", MAX_STALENESS.multipliedBy(2));

        secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
        secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
        secret(lenient, revokedBefore).expectStatus().isUnauthorized().expectBody(Void.class);   // still in the copy
        assertThat(allowedUnchecked() - before).isEqualTo(2);
        lenient.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
    }

    @Test
    @Order(6)
    void protectedRequestWhenRedisBackAfterMaxStalenessThenCheckedAgainstTheCurrentSetAndRevocationsWorkAgain() {
        String token = tokens.valid().sign();
        String revokedBefore = revokedOnBothReplicas();
        stopRedis();
        awaitStatus(strict, token, 503, MAX_STALENESS.multipliedBy(2));

        startRedis();

        awaitStatus(strict, token, 200, Duration.ofSeconds(3));
        double before = servedStale(strictManagement);
        secret(strict, token).expectStatus().isOk().expectBody(Void.class);
        assertThat(servedStale(strictManagement)).isEqualTo(before);          // checked against a current copy
        secret(strict, revokedBefore).expectStatus().isUnauthorized().expectBody(Void.class);
        // Each replica finds Redis again on its own, up to a second after it is back (its reconnection delay): the
        // other one's copy must be current before a revocation can reach it within the second asked below.
        awaitCopy(lenientManagement, "current", Duration.ofSeconds(5));
        strict.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        awaitStatus(lenient, token, 401, Duration.ofSeconds(1));
    }

    private void stopRedis() {
        redis.stop();
        redisStopped = true;
    }

    private void startRedis() {
        redis.start();
        redisStopped = false;
    }

    /** A token revoked on the strict replica and refused by the lenient one, so both copies hold it. */
    private String revokedOnBothReplicas() {
        String token = tokens.valid().sign();
        strict.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        awaitStatus(lenient, token, 401, Duration.ofSeconds(1));
        return token;
    }

    private double servedStale(WebTestClient management) {
        return PrometheusScrape.of(management).value("gateway_revocation_served_stale_total");
    }

    private double allowedUnchecked() {
        return PrometheusScrape.of(lenientManagement).value("gateway_revocation_allowed_unchecked_total");
    }

    record Health(String status, Map<String, Object> details) {
    }

    /** The {@code revocationStore} component, with its details, as the management port shows it. */
    private static Health health(WebTestClient management) {
        Health health = management.get().uri("/actuator/health/revocationStore").exchange()
                .expectBody(new ParameterizedTypeReference<Health>() {
                })
                .returnResult().getResponseBody();
        assertThat(health).isNotNull();
        return health;
    }

    private static void awaitCopy(WebTestClient management, String copy, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!copy.equals(health(management).details().get("copy"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the copy is still not " + copy + " after " + within + ": "
                        + health(management));
            }
            GatewayReplica.pause(10);
        }
    }

    private static void awaitStatus(WebTestClient client, String token, int status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int actual;
        while ((actual = secret(client, token).returnResult(Void.class).getStatus().value()) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + actual + ", not " + status + ", after " + within);
            }
            GatewayReplica.pause(10);
        }
    }

    private static WebTestClient.ResponseSpec secret(WebTestClient client, String token) {
        return client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private GatewayReplica start(String onStoreFailure) {
        GatewayReplica replica = GatewayReplica.start(
                "--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.auth.revocation.store=redis",
                "--gateway.auth.revocation.on-store-failure=" + onStoreFailure,
                "--gateway.auth.revocation.resync-interval=" + RESYNC.toMillis() + "ms",
                "--gateway.auth.revocation.max-staleness=" + MAX_STALENESS.toMillis() + "ms",
                "--gateway.auth.revocation.timeout=300ms",
                "--spring.data.redis.url=" + redis.url(),
                "--management.server.port=0");                      // scraped there: no token, no revocation check
        replicas.add(replica);
        return replica;
    }
}
