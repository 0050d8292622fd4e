package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.store.DocumentStores;
import io.jwtgateway.gateway.store.StoreType;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas sharing their routes through a real {@code redis-server} ({@code gateway.routes.store=redis}), each
 * reloading the store only every {@value #RELOAD_SECONDS} seconds: a route added or removed through one is served, or
 * answers 404, on the other within a second, by the store's message. With Redis stopped, a change is refused with 503
 * and nothing changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeRoutesReplicasTests {

    static final long RELOAD_SECONDS = 60;
    static final Duration WITHIN = Duration.ofSeconds(1);
    static final String ROUTES = "/actuator/gateway/routes/";

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final List<GatewayReplica> replicas = new ArrayList<>();
    final String admin = new TestTokens().valid().roles("admin").sign();

    @TempDir
    Path dataDir;

    RedisServer redis;
    GatewayReplica first;
    GatewayReplica second;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        first = start();
        second = start();
        for (GatewayReplica replica : List.of(first, second)) {         // the first proxied request is not measured
            replica.client().get().uri("/api/v3/home").exchange()
                    .expectStatus().isOk()
                    .expectBody(Void.class);
        }
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
    void addWhenOnOneReplicaThenTheOtherServesItWithinASecond() {
        save(first, "shipping", """
                {"uri": "lb://backend", "predicates": ["Path=/shipping/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);
        long added = System.nanoTime();

        Duration seen = until(second.client(), "/shipping/1", HttpStatus.OK, added);

        System.out.println("A route added on one replica was served by the other " + seen.toMillis() + " ms later");
        assertThat(seen).isLessThan(WITHIN);
    }

    @Test
    @Order(2)
    void removeWhenOnOneReplicaThenTheOtherAnswers404WithinASecond() {
        save(second, "returns", """
                {"uri": "lb://backend", "predicates": ["Path=/returns/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);
        until(first.client(), "/returns/1", HttpStatus.OK, System.nanoTime());

        second.client().delete().uri(ROUTES + "returns").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        long removed = System.nanoTime();

        Duration seen = until(first.client(), "/returns/1", HttpStatus.NOT_FOUND, removed);

        System.out.println("A route removed on one replica answered 404 on the other " + seen.toMillis()
                + " ms later");
        assertThat(seen).isLessThan(WITHIN);
    }

    @Test
    @Order(3)
    void storeWhenARouteThereNoLongerPassesThenEveryReplicaLeavesItOutAndServesTheRest() {
        save(first, "billing", """
                {"uri": "lb://backend", "predicates": ["Path=/billing/**"], "metadata": {"auth": "public"}}""")
                .expectStatus().isCreated()
                .expectBody(Void.class);

        first.bean(DocumentStores.class).documents(RuntimeRoutes.KIND, StoreType.REDIS).put("gone", """
                {"id": "gone", "uri": "lb://gone", "predicates": [{"name": "Path", "args": {"_genkey_0": "/gone/**"}}],
                 "metadata": {"auth": "public"}}""").block();          // as a service since removed leaves it

        for (GatewayReplica replica : List.of(first, second)) {
            until(replica.client(), "/billing/1", HttpStatus.OK, System.nanoTime());
            replica.client().get().uri("/gone/1").exchange()
                    .expectStatus().isNotFound()
                    .expectBody(Void.class);
        }
    }

    @Test
    @Order(4)                                               // last: Redis starts again empty
    void addWhenRedisIsStoppedThen503AndNothingChanged() {
        redis.stop();
        try {
            save(first, "outage", """
                    {"uri": "lb://backend", "predicates": ["Path=/outage/**"], "metadata": {"auth": "public"}}""")
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.error").isEqualTo("store_unavailable");

            for (GatewayReplica replica : List.of(first, second)) {
                replica.client().get().uri("/outage/1").exchange()
                        .expectStatus().isNotFound()
                        .expectBody(Void.class);
                replica.client().get().uri("/shipping/1").exchange()      // what it knew, it still serves
                        .expectStatus().isOk()
                        .expectBody(Void.class);
            }
        } finally {
            redis.start();
        }
    }

    private GatewayReplica start() {
        GatewayReplica replica = GatewayReplica.start("--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.routes.store=redis", "--spring.data.redis.url=" + redis.url(),
                "--gateway.store.resync-interval=" + RELOAD_SECONDS + "s", "--gateway.store.timeout=300ms",
                "--gateway.data-dir=" + dataDir);
        replicas.add(replica);
        return replica;
    }

    private WebTestClient.ResponseSpec save(GatewayReplica replica, String id, String json) {
        return replica.client().post().uri(ROUTES + id).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange();
    }

    /** How long after {@code since} the replica first answered {@code path} with {@code status}; fails after 5 s. */
    private static Duration until(WebTestClient client, String path, HttpStatus status, long since) {
        while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos()) {
            int answered = client.get().uri(path).exchange()
                    .expectBody(Void.class).returnResult().getStatus().value();
            if (answered == status.value()) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            GatewayReplica.pause(5);
        }
        throw new AssertionError(path + " did not answer " + status + " within 5 s");
    }
}
