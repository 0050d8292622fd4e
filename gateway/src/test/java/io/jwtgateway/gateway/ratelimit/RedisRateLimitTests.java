package io.jwtgateway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas counting in one real {@code redis-server}: two gateway application contexts on their own ports, one
 * WireMock backend. Requests come from {@code localhost}, so both replicas see the same client address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BufferLeaks.class)
class RedisRateLimitTests {

    static final int BURST = 6;
    static final int AUTH_BURST = 10;
    static final Duration TIMEOUT = Duration.ofMillis(500);               // generous: the test machine is shared

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final List<GatewayReplica> replicas = new ArrayList<>();
    RedisServer redis;
    WebTestClient first;
    WebTestClient second;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        first = start();
        second = start();
        awaitCounted(() -> apiKeyRequest(first), Duration.ofSeconds(10));      // Redis connected and script loaded
        awaitCounted(() -> apiKeyRequest(second), Duration.ofSeconds(10));
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
    void publicWhenRequestsAlternateBetweenReplicasThenOneBucketForBoth() {
        assertThat(remaining(home(first))).isEqualTo(BURST - 1);

        int served = 1;
        while (home(served % 2 == 0 ? first : second).getStatus() != HttpStatus.TOO_MANY_REQUESTS) {
            served++;
            assertThat(served).as("buckets of their own would serve %d", 2 * BURST).isLessThan(2 * BURST);
        }

        assertThat(served).isGreaterThanOrEqualTo(BURST);

        RateLimitTests.assertSpent(home(first), BURST);
        RateLimitTests.assertSpent(home(second), BURST);
    }

    @Test
    @Order(2)
    void authWhenSpentOnOneReplicaThenOtherReplicaCountsOnFromThere() {
        RateLimitTests.servedUntilRefused(() -> apiKeyRequest(first));

        EntityExchangeResult<byte[]> elsewhere = apiKeyRequest(second);

        RateLimitTests.assertSpent(elsewhere, AUTH_BURST);
    }

    @Test
    @Order(3)
    void publicWhenRedisStopsThenServedUnlimitedWithoutHeadersAndLimitedAgainWhenBack() {
        redis.stop();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3 * BURST; i++) {
                EntityExchangeResult<byte[]> result = home(i % 2 == 0 ? first : second);
                assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
                assertThat(result.getResponseHeaders().containsHeader(RateLimiting.REMAINING_HEADER)).isFalse();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("Served " + 3 * BURST + " requests with Redis down in " + took.toMillis() + " ms");
            assertThat(took).as("an outage costs about one timeout a second per replica")
                    .isLessThan(TIMEOUT.multipliedBy(3 * BURST));
        } finally {
            redis.start();
        }

        awaitCounted(() -> home(first), Duration.ofSeconds(20));
        awaitCounted(() -> home(second), Duration.ofSeconds(20));
    }

    private static void awaitCounted(Supplier<EntityExchangeResult<byte[]>> request, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (request.get().getResponseHeaders().containsHeader(RateLimiting.REMAINING_HEADER)) {
                return;
            }
            GatewayReplica.pause(100);
        }
        throw new AssertionError("Redis not counting within " + within);
    }

    private static EntityExchangeResult<byte[]> home(WebTestClient client) {
        return client.get().uri("/api/v3/home").exchange().expectBody().returnResult();
    }

    private static EntityExchangeResult<byte[]> apiKeyRequest(WebTestClient client) {
        return client.post().uri("/api/v3/auth").header("X-API-Key", "a-wrong-key").exchange()
                .expectBody().returnResult();
    }

    private static int remaining(EntityExchangeResult<byte[]> result) {
        return Integer.parseInt(result.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER));
    }

    private WebTestClient start() {
        GatewayReplica replica = GatewayReplica.start(
                "--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.rate-limit.store=redis",
                "--gateway.rate-limit.timeout=" + TIMEOUT.toMillis() + "ms",
                "--gateway.rate-limit.routes.public.replenish-rate=1",
                "--gateway.rate-limit.routes.public.burst-capacity=" + BURST,
                "--spring.data.redis.url=" + redis.url());
        replicas.add(replica);
        return replica.client();
    }
}
