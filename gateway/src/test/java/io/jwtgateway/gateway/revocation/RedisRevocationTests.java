package io.jwtgateway.gateway.revocation;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * Several replicas sharing revocations through a real {@code redis-server}: two (and, for the allow mode, three)
 * gateway application contexts on their own ports, one WireMock backend. With {@code max-staleness: 0}, so that
 * {@code on-store-failure} applies as soon as Redis counts as unreachable; {@link RevocationStalenessTests} covers the
 * stale period before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BufferLeaks.class)
class RedisRevocationTests {

    static final Duration RESYNC = Duration.ofMillis(200);

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final List<GatewayReplica> replicas = new ArrayList<>();
    final TestTokens tokens = new TestTokens();
    RedisServer redis;
    WebTestClient first;
    WebTestClient second;
    WebTestClient lenient;
    WebTestClient lenientManagement;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        first = start("deny");
        second = start("deny");
        lenient = start("allow", "--management.server.port=0");   // scraped there: no token, no revocation check
        lenientManagement = replicas.get(replicas.size() - 1).managementClient();
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
    void revokeOnOneReplicaWhenOtherHasTokenCachedThenOtherRefusesWithinOneSecond() {
        String token = tokens.valid().sign();
        secret(first, token).expectStatus().isOk().expectBody(Void.class);
        secret(second, token).expectStatus().isOk().expectBody(Void.class);   // now in the second replica's cache

        long start = System.nanoTime();
        first.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        Duration propagation = awaitStatus(second, token, 401, Duration.ofSeconds(1));

        System.out.println("Revocation propagated to the other replica in " + propagation.toMillis() + " ms "
                + "(measured from the revoke request, " + (System.nanoTime() - start) / 1_000_000 + " ms total)");
        assertThat(propagation).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Order(2)
    void revokeThroughOAuthEndpointOnSecondReplicaThenFirstRefuses() {
        String token = tokens.valid().sign();
        secret(first, token).expectStatus().isOk().expectBody(Void.class);

        second.post().uri("/oauth2/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        awaitStatus(first, token, 401, Duration.ofSeconds(1));
    }

    @Test
    @Order(3)
    void replicaStartedAfterRevocationThenRefusesTokenFromRedis() {
        String token = tokens.valid().sign();
        first.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);

        WebTestClient late = start("deny");

        awaitStatus(late, token, 401, Duration.ofSeconds(5));
    }

    @Test
    @Order(4)
    void redisStoppedWhenDenyThenServiceUnavailableJsonAndWhenAllowThenServed() {
        String token = tokens.valid().sign();
        secret(second, token).expectStatus().isOk().expectBody(Void.class);

        redis.stop();
        try {
            awaitStatus(second, token, 503, Duration.ofSeconds(5));
            secret(second, token).expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().doesNotExist("WWW-Authenticate")
                    .expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
            secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
            first.post().uri("/api/v3/auth/revoke").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody(Void.class);
        } finally {
            redis.start();
        }

        awaitStatus(second, tokens.valid().sign(), 200, Duration.ofSeconds(10));
    }

    /**
     * Lettuce's own reconnection backoff grows to 30 s: after a 10 s outage its next attempt came some 6 s after Redis
     * was back, and the deny mode kept refusing all that time (bench/soak.sh saw 25 s after a 20 s outage).
     */
    @Test
    @Order(5)
    void redisBackAfterTenSecondOutageThenProtectedRequestsServedAgainWithinThreeSeconds() {
        String token = tokens.valid().sign();
        secret(second, token).expectStatus().isOk().expectBody(Void.class);

        redis.stop();
        try {
            awaitStatus(second, token, 503, Duration.ofSeconds(5));
            GatewayReplica.pause(10_000);
        } finally {
            redis.start();
        }

        awaitStatus(second, token, 200, Duration.ofSeconds(3));
    }

    @Test
    @Order(6)
    void redisStoppedWhenAllowThenEveryRequestServedUncheckedIsCounted() {
        String token = tokens.valid().sign();
        secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
        double before = allowedUnchecked();

        redis.stop();
        try {
            awaitCopy("unusable", Duration.ofSeconds(5));               // the replica counts Redis as unreachable
            secret(lenient, token).expectStatus().isOk().expectBody(Void.class);
            secret(lenient, token).expectStatus().isOk().expectBody(Void.class);

            assertThat(allowedUnchecked() - before).isEqualTo(2);
        } finally {
            redis.start();
        }

        awaitCopy("current", Duration.ofSeconds(3));
    }

    private double allowedUnchecked() {
        return PrometheusScrape.of(lenientManagement).value("gateway_revocation_allowed_unchecked_total");
    }

    /** Waits for the lenient replica's health details to show its copy of the revoked set as {@code copy}. */
    private void awaitCopy(String copy, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!copyOfLenient().equals(copy)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the copy is still not " + copy + " after " + within);
            }
            GatewayReplica.pause(10);
        }
    }

    private String copyOfLenient() {
        Map<String, Object> health = lenientManagement.get().uri("/actuator/health/revocationStore").exchange()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult().getResponseBody();
        return health == null ? "" : String.valueOf(((Map<?, ?>) health.get("details")).get("copy"));
    }

    private Duration awaitStatus(WebTestClient client, String token, int status, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos() * 3;                     // poll past the bound, then assert it
        while (System.nanoTime() < deadline) {
            int actual = client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(Void.class).getStatus().value();
            if (actual == status) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("time to see %d", status).isLessThan(within);
                return took;
            }
            GatewayReplica.pause(10);
        }
        throw new AssertionError("still not " + status + " after " + within.multipliedBy(3));
    }

    private static WebTestClient.ResponseSpec secret(WebTestClient client, String token) {
        return client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient start(String onStoreFailure, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.auth.revocation.store=redis",
                "--gateway.auth.revocation.on-store-failure=" + onStoreFailure,
                "--gateway.auth.revocation.resync-interval=" + RESYNC.toMillis() + "ms",
                "--gateway.auth.revocation.timeout=300ms",
                "--gateway.auth.revocation.max-staleness=0",
                "--spring.data.redis.url=" + redis.url()));
        arguments.addAll(List.of(more));
        GatewayReplica replica = GatewayReplica.start(arguments.toArray(String[]::new));
        replicas.add(replica);
        return replica.client();
    }
}
