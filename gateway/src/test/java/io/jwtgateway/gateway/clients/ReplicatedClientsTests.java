package io.jwtgateway.gateway.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway replicas sharing a real Redis: a change to a client made through one replica's operator API reaches the
 * other within a second, by push, and the other then issues and refuses tokens as the first does.
 */
class ReplicatedClientsTests {

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static RedisServer redis;
    static GatewayReplica first;
    static GatewayReplica second;
    static OperatorApi onFirst;
    static OperatorApi onSecond;

    @BeforeAll
    static void start() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        first = Replicas.start(redis, backend.baseUrl());
        second = Replicas.start(redis, backend.baseUrl());
        onFirst = OperatorApi.onMainPort(first.client());
        onSecond = OperatorApi.onMainPort(second.client());
    }

    @AfterAll
    static void stop() {
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
    void registerWhenOnOneReplicaThenTheOtherIssuesATokenWithinASecond() {
        String apiKey = onFirst.create("{\"client_id\": \"replicated-1\"}").get("api_key").asString();
        long registered = System.nanoTime();

        Duration took = Replicas.await(() -> Replicas.tokenStatus(second.client(), apiKey) == 200, registered);

        assertThat(took).isLessThan(Replicas.WITHIN);
        assertThat(Replicas.routeStatus(first.client(), onSecond.token(apiKey))).isEqualTo(200);
    }

    @Test
    void rotateWhenSecondKeyAddedAndFirstRevokedThenFirstRefusedEverywhereAndSecondServed() {
        JsonNode created = onFirst.create("{\"client_id\": \"replicated-2\"}");
        String firstKey = created.get("api_key").asString();
        Replicas.await(() -> Replicas.tokenStatus(second.client(), firstKey) == 200, System.nanoTime());
        String tokenOfFirst = onSecond.token(firstKey);

        String secondKey = onFirst.addKey("replicated-2").get("api_key").asString();
        Duration added = Replicas.await(() -> Replicas.tokenStatus(second.client(), secondKey) == 200,
                System.nanoTime());
        assertThat(Replicas.tokenStatus(second.client(), firstKey)).isEqualTo(200);
        onFirst.revokeKey("replicated-2", created.get("keys").get(0).get("key_id").asString());
        long revoked = System.nanoTime();

        assertThat(Replicas.tokenStatus(first.client(), firstKey)).isEqualTo(401);
        assertThat(Replicas.routeStatus(first.client(), tokenOfFirst)).isEqualTo(401);
        Duration refused = Replicas.await(() -> Replicas.routeStatus(second.client(), tokenOfFirst) == 401
                && Replicas.tokenStatus(second.client(), firstKey) == 401, revoked);
        assertThat(added).isLessThan(Replicas.WITHIN);
        assertThat(refused).isLessThan(Replicas.WITHIN);
        assertThat(Replicas.tokenStatus(second.client(), secondKey)).isEqualTo(200);
        assertThat(Replicas.routeStatus(second.client(), onSecond.token(secondKey))).isEqualTo(200);
    }

    @Test
    void disableWhenOnOneReplicaThenItsUnexpiredTokensRefusedOnBothWithinASecond() {
        String apiKey = onFirst.create("{\"client_id\": \"replicated-3\"}").get("api_key").asString();
        Replicas.await(() -> Replicas.tokenStatus(second.client(), apiKey) == 200, System.nanoTime());
        String fromFirst = onFirst.token(apiKey);
        String fromSecond = onSecond.token(apiKey);

        onSecond.patch("replicated-3", "{\"status\": \"disabled\"}");
        long disabled = System.nanoTime();

        assertThat(Replicas.routeStatus(second.client(), fromFirst)).isEqualTo(401);
        Duration took = Replicas.await(() -> Replicas.routeStatus(first.client(), fromFirst) == 401
                && Replicas.routeStatus(first.client(), fromSecond) == 401, disabled);
        assertThat(took).isLessThan(Replicas.WITHIN);
        assertThat(Replicas.tokenStatus(first.client(), apiKey)).isEqualTo(401);
    }

    @Test
    void changeWhenMadeTwentyTimesThenEachSeenOnTheOtherReplicaWithinASecond() {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OperatorApi on = i % 2 == 0 ? onFirst : onSecond;
            GatewayReplica other = i % 2 == 0 ? second : first;
            String apiKey = on.create("{\"client_id\": \"timed-" + i + "\"}").get("api_key").asString();
            long made = System.nanoTime();
            times.add(Replicas.await(() -> Replicas.tokenStatus(other.client(), apiKey) == 200, made));
        }

        Collections.sort(times);
        System.out.println("A registration reached the other replica in: median " + times.get(10).toMillis()
                + " ms, max " + times.get(19).toMillis() + " ms, min " + times.get(0).toMillis() + " ms (20 changes, "
                + "polled every millisecond through /api/v3/auth)");
        assertThat(times.get(19)).isLessThan(Replicas.WITHIN);
    }
}
