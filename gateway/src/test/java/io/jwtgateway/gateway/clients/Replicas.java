package io.jwtgateway.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gateway replicas whose clients are kept in one real Redis, as a test of what replicas share drives them. */
final class Replicas {

    static final Duration WITHIN = Duration.ofSeconds(1);

    private Replicas() {
    }

    /** A replica keeping its clients in {@code redis}, its backend at {@code backend}. */
    static GatewayReplica start(RedisServer redis, String backend) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway.auth.clients.store=redis",
                "--spring.data.redis.url=" + redis.url(),
                "--gateway.store.timeout=300ms",
                "--gateway.data-dir=" + DataDirs.fresh("replica"),
                "--gateway.backend.uris=" + backend,
                "--gateway.rate-limit.auth-endpoints.enabled=false"));
        return GatewayReplica.start(arguments.toArray(String[]::new));
    }

    /**
     * How long after {@code since} (a {@link System#nanoTime()}) {@code condition} held, polled every millisecond;
     * fails when it did not within five seconds, so that a slow propagation is measured before it is judged.
     */
    static Duration await(BooleanSupplier condition, long since) {
        long deadline = since + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still not so after 5 s").isLessThan(deadline);
            GatewayReplica.pause(1);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** The status {@code /api/v3/auth} answers {@code apiKey} with on that replica, its body read in full. */
    static int tokenStatus(WebTestClient replica, String apiKey) {
        return replica.post().uri("/api/v3/auth").header("X-API-Key", apiKey).exchange()
                .expectBody().returnResult().getStatus().value();
    }

    /** The status a protected route answers the token with on that replica, its body read in full. */
    static int routeStatus(WebTestClient replica, String token) {
        return replica.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().returnResult().getStatus().value();
    }
}
