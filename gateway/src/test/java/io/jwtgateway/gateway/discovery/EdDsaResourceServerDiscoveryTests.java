package io.jwtgateway.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.DEFINED_PORT;

import io.jwtgateway.gateway.testing.BufferLeaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * EdDSA: the gateway publishes its Ed25519 key (RFC 8037 §2), but a Spring Security resource server configured by
 * {@code issuer-uri} cannot use it. Spring Security 7.0 derives the accepted algorithms from the JWK set's RSA and EC
 * keys only, so it finds none (here the identity assertions are EdDSA too). These tests pin that limitation: when
 * they fail, Spring has learnt EdDSA.
 */
@SpringBootTest(webEnvironment = DEFINED_PORT, properties = {"gateway.auth.signing.algorithm=EdDSA",
        "gateway.auth.assertion.algorithm=EdDSA"})          // else the assertions' ES256 key is one Spring can use
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class EdDsaResourceServerDiscoveryTests {

    @DynamicPropertySource
    static void issuerIsTheGatewayUrl(DynamicPropertyRegistry registry) {
        DiscoveryFixture.listenAtIssuerUrl(registry);
        DiscoveryFixture.configureApiKey(registry);
    }

    @Autowired
    WebTestClient client;

    @Value("${gateway.auth.issuer}")
    String issuer;

    @BeforeEach
    void warmUp() {
        DiscoveryFixture.warmUp(client);
    }

    @Test
    void jwksWhenEdDsaThenOkpKeyOfTheToken() {
        String kid = DiscoveryFixture.header(DiscoveryFixture.issue(client)).get("kid").asString();

        JsonNode key = DiscoveryFixture.json(client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("keys").get(0);

        assertThat(key.get("kid").asString()).isEqualTo(kid);
        assertThat(key.get("kty").asString()).isEqualTo("OKP");
        assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
        assertThat(key.get("alg").asString()).isEqualTo("EdDSA");
        assertThat(key.propertyNames()).contains("x").doesNotContain("d");
    }

    @Test
    void blockingDecoderFromIssuerWhenEdDsaThenNoAlgorithmFound() {
        assertThatThrownBy(() -> JwtDecoders.fromIssuerLocation(issuer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause();                                  // found the documents, then no RSA or EC key
    }

    @Test
    void reactiveDecoderFromIssuerWhenEdDsaThenTokenNotDecoded() {
        ReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(issuer);
        String token = DiscoveryFixture.issue(client);

        assertThatThrownBy(() -> decoder.decode(token).block())
                .isInstanceOf(JwtException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);    // no RSA or EC key, not an I/O error
    }
}
