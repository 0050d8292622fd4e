package io.jwtgateway.gateway.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Two replicas while their Redis is away: each keeps issuing tokens from the registry it holds, refuses changes with
 * 503, and once Redis is back both subscribe again, so a change made on one reaches the other within a second.
 */
class ClientsRedisOutageTests {

    /** Where the Redis store announces each change to the clients (store.RedisDocuments). */
    static final String CHANNEL = "jwt-gateway:clients:changes";

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    RedisServer redis;
    GatewayReplica first;
    GatewayReplica second;

    @AfterEach
    void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {first, second, redis}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception ignored) {
                // the others still close
            }
        }
        backend.stop();
    }

    @Test
    void redisStoppedWhenTokensAskedThenIssuedChangesRefusedAndAfterItsReturnChangesReachTheOtherAgain() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        first = Replicas.start(redis, backend.baseUrl());
        second = Replicas.start(redis, backend.baseUrl());
        OperatorApi onFirst = OperatorApi.onMainPort(first.client());
        String apiKey = onFirst.create("{\"client_id\": \"steady-1\"}").get("api_key").asString();
        Replicas.await(() -> Replicas.tokenStatus(second.client(), apiKey) == 200, System.nanoTime());

        redis.stop();

        assertThat(Replicas.tokenStatus(first.client(), apiKey)).isEqualTo(200);
        assertThat(Replicas.tokenStatus(second.client(), apiKey)).isEqualTo(200);
        assertThat(Replicas.routeStatus(second.client(), onFirst.token(apiKey))).isEqualTo(200);
        first.client().post().uri(OperatorApi.CLIENTS).headers(onFirst.admin())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client_id\": \"during-outage\"}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("store_unavailable");
        first.client().get().uri(OperatorApi.CLIENTS + "/during-outage").headers(onFirst.admin()).exchange()
                .expectStatus().isNotFound()
                .expectBody().returnResult();

        redis.start();
        long restarted = System.nanoTime();
        Duration resubscribed = Replicas.await(() -> subscribers() == 2, restarted);
        Duration writable = Replicas.await(() -> first.client().post().uri(OperatorApi.CLIENTS)
                .headers(onFirst.admin()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"client_id\": \"after-outage\"}").exchange()
                .expectBody().returnResult().getStatus().value() == 201, restarted);
        long created = System.nanoTime();
        String newKey = onFirst.addKey("after-outage").get("api_key").asString();
        Duration reached = Replicas.await(() -> Replicas.tokenStatus(second.client(), newKey) == 200, created);

        System.out.println("After Redis came back: both replicas subscribed again in " + resubscribed.toMillis()
                + " ms, the first could write in " + writable.toMillis()
                + " ms; a key added then reached the second in "
                + reached.toMillis() + " ms");
        assertThat(reached).isLessThan(Replicas.WITHIN);
    }

    /** The replicas subscribed to the clients' channel, as Redis counts them. */
    private long subscribers() {
        RedisClient direct = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = direct.connect()) {
            return connection.sync().pubsubNumsub(CHANNEL).getOrDefault(CHANNEL, 0L);
        } finally {
            direct.shutdown();
        }
    }
}
