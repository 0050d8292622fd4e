package io.jwtgateway.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.MemoryDocuments;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas sharing one routes store: a route added or removed through one is served, or answers 404, on the other
 * within a second, each replica refreshing its routes when the store tells it of a change.
 */
class RuntimeRoutesReplicasTests {

    static final Duration WITHIN = Duration.ofSeconds(1);

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final MemoryDocuments documents = new MemoryDocuments();
    static GatewayReplica first;
    static GatewayReplica second;

    final String admin = new TestTokens().valid().roles("admin").sign();

    @BeforeAll
    static void startReplicas() {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        Map<String, Object> shared = Map.of(RoutingConfiguration.ROUTE_DOCUMENTS, documents);
        first = GatewayReplica.start(shared, "--gateway.backend.uris=" + backend.baseUrl());
        second = GatewayReplica.start(shared, "--gateway.backend.uris=" + backend.baseUrl());
    }

    @AfterAll
    static void stopReplicas() {
        first.close();
        second.close();
        backend.stop();
    }

    @Test
    void addWhenOnOneReplicaThenTheOtherServesItWithinASecond() {
        first.client().post().uri("/actuator/gateway/routes/shipping").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/shipping/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);
        long added = System.nanoTime();

        Duration seen = until(second.client(), "/shipping/1", HttpStatus.OK, added);

        assertThat(seen).isLessThan(WITHIN);
    }

    @Test
    void removeWhenOnOneReplicaThenTheOtherAnswers404WithinASecond() {
        second.client().post().uri("/actuator/gateway/routes/returns").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/returns/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);
        until(first.client(), "/returns/1", HttpStatus.OK, System.nanoTime());

        second.client().delete().uri("/actuator/gateway/routes/returns").headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        long removed = System.nanoTime();

        Duration seen = until(first.client(), "/returns/1", HttpStatus.NOT_FOUND, removed);

        assertThat(seen).isLessThan(WITHIN);
    }

    @Test
    void storeWhenARouteThereNoLongerPassesThenEveryReplicaLeavesItOutAndServesTheRest() {
        first.client().post().uri("/actuator/gateway/routes/billing").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"uri": "lb://backend", "predicates": ["Path=/billing/**"], "metadata": {"auth": "public"}}""")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Void.class);

        documents.put("gone", """
                {"id": "gone", "uri": "lb://gone", "predicates": [{"name": "Path", "args": {"_genkey_0": "/gone/**"}}],
                 "metadata": {"auth": "public"}}""").block();          // as a service since removed leaves it

        for (GatewayReplica replica : new GatewayReplica[] {first, second}) {
            until(replica.client(), "/billing/1", HttpStatus.OK, System.nanoTime());
            replica.client().get().uri("/gone/1").exchange()
                    .expectStatus().isNotFound()
                    .expectBody(Void.class);
        }
    }

    /** How long after {@code since} the replica first answered {@code path} with {@code status}; fails after 5 s. */
    private static Duration until(WebTestClient client, String path, HttpStatus status, long since) {
        while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos()) {
            HttpStatus answered = HttpStatus.valueOf(client.get().uri(path).exchange()
                    .expectBody(Void.class).returnResult().getStatus().value());
            if (answered == status) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            GatewayReplica.pause(10);
        }
        throw new AssertionError(path + " did not answer " + status + " within 5 s");
    }
}
