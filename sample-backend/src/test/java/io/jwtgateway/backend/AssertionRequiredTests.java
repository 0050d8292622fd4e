package io.jwtgateway.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code REQUIRE_ASSERTION=true}: a request needs the gateway's identity assertion for this service, verified with
 * the gateway's JWKS (here served by a JDK HTTP server from a key made for the test); forged {@code X-Auth-*}
 * headers alone get a 401.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"REQUIRE_ASSERTION=true", "SERVICE_NAME=inventory",
        "GATEWAY_ISSUER=http://gateway.test"})
@AutoConfigureWebTestClient
class AssertionRequiredTests {

    static final ECKey GATEWAY_KEY = ecKey("assertion-key");
    static final ECKey OTHER_KEY = ecKey("assertion-key");     // same kid, another key: a forger's
    static final HttpServer jwks = jwksServer();

    @DynamicPropertySource
    static void gatewayJwks(DynamicPropertyRegistry registry) {
        registry.add("GATEWAY_JWKS_URI", () -> "http://localhost:" + jwks.getAddress().getPort() + "/jwks.json");
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @Autowired
    WebTestClient client;

    @Test
    void whoamiWhenForgedIdentityWithoutAssertionThenUnauthorized() {
        client.get().uri("/api/v3/whoami").header("X-Auth-Subject", "mallory").header("X-Auth-Roles", "admin")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void whoamiWhenAssertionValidThenForwardedIdentityServed() {
        client.get().uri("/api/v3/whoami").header("X-Auth-Subject", "alice")
                .header("X-Auth-Assertion", assertion(GATEWAY_KEY, claims().build()))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-auth-subject']").isEqualTo("alice");
    }

    @Test
    void whoamiWhenAssertionSignedByAnotherKeyThenUnauthorized() {
        client.get().uri("/api/v3/whoami").header("X-Auth-Assertion", assertion(OTHER_KEY, claims().build()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void whoamiWhenAssertionForAnotherServiceThenUnauthorized() {
        client.get().uri("/api/v3/whoami")
                .header("X-Auth-Assertion", assertion(GATEWAY_KEY, claims().audience("orders").build()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void whoamiWhenAssertionExpiredThenUnauthorized() {
        Instant past = Instant.now().minus(Duration.ofMinutes(5));
        JWTClaimsSet expired = claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60)))
                .build();

        client.get().uri("/api/v3/whoami").header("X-Auth-Assertion", assertion(GATEWAY_KEY, expired))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void whoamiWhenAssertionFromAnotherIssuerThenUnauthorized() {
        client.get().uri("/api/v3/whoami")
                .header("X-Auth-Assertion", assertion(GATEWAY_KEY, claims().issuer("http://elsewhere").build()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void whoamiWhenGatewayAccessTokenInsteadOfAssertionThenUnauthorized() {
        String accessToken = sign(GATEWAY_KEY, JOSEObjectType.JWT, claims().build());

        client.get().uri("/api/v3/whoami").header("X-Auth-Assertion", accessToken)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Void.class);
    }

    @Test
    void healthWhenNoAssertionThenOk() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("http://gateway.test")
                .audience(List.of("inventory"))
                .subject("alice")
                .claim("roles", List.of("user"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)));
    }

    private static String assertion(ECKey key, JWTClaimsSet claims) {
        return sign(key, new JOSEObjectType("gateway-assertion+jwt"), claims);
    }

    private static String sign(ECKey key, JOSEObjectType type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type)
                    .build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ECKey ecKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            byte[] body = new JWKSet(GATEWAY_KEY.toPublicJWK()).toString().getBytes(UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
