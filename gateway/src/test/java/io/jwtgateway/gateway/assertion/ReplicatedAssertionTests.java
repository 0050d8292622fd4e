package io.jwtgateway.gateway.assertion;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.DataDirs;
import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Why every replica needs the same assertion key: a backend fetches the JWKS from one replica and must verify the
 * assertions every replica makes. Two replicas configured with one ES256 PKCS#8 file sign under one kid, so the key
 * set of either verifies both; a replica left to make its own key signs under a kid the other does not publish.
 */
@ExtendWith(BufferLeaks.class)
class ReplicatedAssertionTests {

    static final String HEADER = "X-Auth-Assertion";
    static final KeyPair KEY = es256();

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @TempDir
    static Path keys;

    static GatewayReplica first;
    static GatewayReplica second;
    static GatewayReplica ownKey;

    @BeforeAll
    static void start() {
        backend.start();
        Path privateKey = PemFiles.writePrivate(keys, "assertion.pem", KEY);
        first = replica("--gateway.auth.assertion.private-key=" + privateKey);
        second = replica("--gateway.auth.assertion.private-key=" + privateKey);
        ownKey = replica();
    }

    @AfterAll
    static void stop() {
        for (GatewayReplica replica : new GatewayReplica[] {first, second, ownKey}) {
            if (replica != null) {
                replica.close();
            }
        }
        backend.stop();
    }

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void resetBackend() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
    }

    @Test
    void secretWhenThroughEitherReplicaWithSharedKeyThenBothAssertionsVerifyWithFirstReplicasJwks() throws Exception {
        String token = tokens.valid().subject("alice").sign();
        JWKSet firstKeys = jwks(first.client());

        SignedJWT fromFirst = SignedJWT.parse(assertionThrough(first.client(), token));
        SignedJWT fromSecond = SignedJWT.parse(assertionThrough(second.client(), token));

        assertThat(fromSecond.getHeader().getKeyID()).isEqualTo(fromFirst.getHeader().getKeyID());
        assertThat(verifies(fromFirst, firstKeys)).isTrue();
        assertThat(verifies(fromSecond, firstKeys)).as("replica 2's assertion, replica 1's JWKS").isTrue();
        assertThat(fromSecond.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(fromSecond.getJWTClaimsSet().getAudience()).containsExactly("backend");
        assertThat(jwks(second.client()).getKeyByKeyId(fromFirst.getHeader().getKeyID()))
                .isEqualTo(firstKeys.getKeyByKeyId(fromFirst.getHeader().getKeyID()));
    }

    @Test
    void secretWhenReplicaHasNoConfiguredKeyThenItsKidIsNotInTheOtherReplicasJwks() throws Exception {
        String token = tokens.valid().subject("alice").sign();
        JWKSet firstKeys = jwks(first.client());

        SignedJWT fromOwnKey = SignedJWT.parse(assertionThrough(ownKey.client(), token));

        assertThat(verifies(fromOwnKey, jwks(ownKey.client()))).as("its own JWKS verifies it").isTrue();
        assertThat(firstKeys.getKeyByKeyId(fromOwnKey.getHeader().getKeyID()))
                .as("the kid of a replica's own key, in the other replica's JWKS").isNull();
    }

    private static GatewayReplica replica(String... assertionKey) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway.data-dir=" + DataDirs.fresh("assertion-replica"),
                "--gateway.backend.uris=" + backend.baseUrl()));
        arguments.addAll(List.of(assertionKey));
        return GatewayReplica.start(arguments.toArray(String[]::new));
    }

    private static String assertionThrough(WebTestClient replica, String token) {
        replica.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
        List<LoggedRequest> requests = backend.findAll(getRequestedFor(urlPathEqualTo("/api/v3/secret")));
        assertThat(requests).isNotEmpty();
        LoggedRequest received = requests.get(requests.size() - 1);
        assertThat(received.containsHeader(HEADER)).isTrue();
        return received.getHeader(HEADER);
    }

    private static JWKSet jwks(WebTestClient replica) throws Exception {
        byte[] body = replica.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return JWKSet.parse(new String(body, UTF_8));
    }

    /** Verified as a backend would: the key the header's kid names, from one key set. */
    private static boolean verifies(SignedJWT assertion, JWKSet keySet) throws Exception {
        JWK key = keySet.getKeyByKeyId(assertion.getHeader().getKeyID());
        assertThat(key).as("the assertion's kid in the key set").isInstanceOf(ECKey.class);
        return assertion.verify(new ECDSAVerifier(key.toECKey()));
    }

    private static KeyPair es256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));   // as openssl genpkey -pkeyopt ec_paramgen_curve:P-256
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
