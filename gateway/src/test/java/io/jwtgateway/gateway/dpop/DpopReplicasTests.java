package io.jwtgateway.gateway.dpop;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DpopClient;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas behind one public URL, sharing used proofs through a real {@code redis-server} and deriving the same
 * server nonces from one secret: a proof replayed on the other replica is refused, and a nonce one replica hands out
 * is good on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BufferLeaks.class)
class DpopReplicasTests {

    static final String PUBLIC_URL = "https://api.example.com";
    static final String API_KEY = "dpop-replicas-api-key-0123456789";
    static final String NONCE_SECRET = "a-nonce-secret-every-replica-shares-0123";

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    final List<GatewayReplica> replicas = new ArrayList<>();
    final JsonMapper json = JsonMapper.builder().build();
    final DpopClient dpop = DpopClient.es256();
    RedisServer redis;
    WebTestClient first;
    WebTestClient second;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        backend.start();
        first = start();
        second = start();
    }

    @AfterAll
    void stopAll() {
        replicas.forEach(GatewayReplica::close);
        backend.stop();
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void proofWhenReplayedOnTheOtherReplicaThenRefused() {
        String token = boundToken();
        String proof = dpop.proof("GET", PUBLIC_URL + "/api/v3/secret", token, nonceFrom(first));
        secret(first, token, proof).expectStatus().isOk().expectBody(Void.class);

        secret(second, token, proof).expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"invalid_dpop_proof\"")
                        .contains("used before"))
                .expectBody().jsonPath("$.error").isEqualTo("invalid_dpop_proof");
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void proofWhenWithoutNonceThenUseDpopNonceAndTheNonceOfOneReplicaWorksOnTheOther() {
        String token = boundToken();

        EntityExchangeResult<byte[]> challenge = secret(first, token,
                dpop.proof("GET", PUBLIC_URL + "/api/v3/secret", token, null))
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value)
                        .startsWith("DPoP realm=\"jwt-gateway\", error=\"use_dpop_nonce\""))
                .expectBody().jsonPath("$.error").isEqualTo("use_dpop_nonce")
                .returnResult();
        String nonce = challenge.getResponseHeaders().getFirst(DpopProofs.NONCE_HEADER);
        assertThat(nonce).isNotBlank();
        assertThat(backend.findAll(anyRequestedFor(anyUrl()))).isEmpty();

        secret(second, token, dpop.proof("GET", PUBLIC_URL + "/api/v3/secret", token, nonce))
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("from backend");
    }

    @Test
    void tokenRequestWhenWithoutNonceThenBadRequestUseDpopNonceAndTheRetryGetsABoundToken() {
        EntityExchangeResult<byte[]> challenge = tokenRequest(first, null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.data.error").isEqualTo("use_dpop_nonce")
                .returnResult();
        String nonce = challenge.getResponseHeaders().getFirst(DpopProofs.NONCE_HEADER);

        tokenRequest(second, nonce).expectStatus().isOk()
                .expectBody().jsonPath("$.data.token_type").isEqualTo("DPoP");
    }

    /** A token from the first replica, with the nonce it asks for. */
    private String boundToken() {
        byte[] body = tokenRequest(first, nonceFrom(first)).expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body).get("data").get("token").asString();
    }

    private String nonceFrom(WebTestClient replica) {
        return tokenRequest(replica, null).expectStatus().isBadRequest().expectBody(Void.class).returnResult()
                .getResponseHeaders().getFirst(DpopProofs.NONCE_HEADER);
    }

    private WebTestClient.ResponseSpec tokenRequest(WebTestClient replica, String nonce) {
        return replica.post().uri("/api/v3/auth").header("X-API-Key", API_KEY)
                .header("DPoP", dpop.proof("POST", PUBLIC_URL + "/api/v3/auth", null, nonce)).exchange();
    }

    private static WebTestClient.ResponseSpec secret(WebTestClient replica, String token, String proof) {
        return replica.get().uri("/api/v3/secret").header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
                .header("DPoP", proof).exchange();
    }

    private WebTestClient start() {
        GatewayReplica replica = GatewayReplica.start(
                "--gateway.backend.uris=" + backend.baseUrl(),
                "--gateway.rate-limit.auth-endpoints.enabled=false",
                "--gateway.auth.api-keys[0].sha256=" + Sha256.hex(API_KEY.getBytes(UTF_8)),
                "--gateway.auth.api-keys[0].subject=mobile-app",
                "--gateway.auth.dpop.public-base-url=" + PUBLIC_URL,
                "--gateway.auth.dpop.replay.store=redis",
                "--gateway.auth.dpop.nonce.enabled=true",
                "--gateway.auth.dpop.nonce.secret=" + NONCE_SECRET,
                "--spring.data.redis.url=" + redis.url());
        replicas.add(replica);
        return replica.client();
    }
}
