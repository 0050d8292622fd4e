package io.jwtgateway.gateway.management;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness follows what the gateway needs to decide requests: the revoked set current when it lives in Redis, and
 * a key from each trusted issuer's JWKS. Liveness does not: a replica waiting on Redis is not broken.
 */
@ExtendWith(BufferLeaks.class)
class ReadinessTests {

    static final Duration RESYNC = Duration.ofMillis(200);
    static final Duration WITHIN = Duration.ofSeconds(5);

    final WireMockServer identityProvider = new WireMockServer(wireMockConfig().dynamicPort());
    GatewayReplica gateway;
    RedisServer redis;

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

    @Test
    void readinessWhenRedisStopsThenDownUntilItReturnsAndLivenessStaysUp() {
        redis = RedisServer.startOrSkip();
        WebTestClient client = start("--gateway.auth.revocation.store=redis",
                "--gateway.auth.revocation.resync-interval=" + RESYNC.toMillis() + "ms",
                "--gateway.auth.revocation.timeout=300ms",
                "--gateway.auth.revocation.max-staleness=0",
                "--spring.data.redis.url=" + redis.url());
        awaitStatus(client, "/readyz", 200);

        redis.stop();

        awaitStatus(client, "/readyz", 503);
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.components").doesNotExist();
        client.get().uri("/livez").exchange().expectStatus().isOk().expectBody(Void.class);

        redis.start();

        awaitStatus(client, "/readyz", 200);
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
