package io.jwtgateway.gateway.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.DEFINED_PORT;

import java.util.Base64;

import io.jwtgateway.gateway.testing.BufferLeaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Spring Security resource server configured with nothing but the gateway's issuer, as
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} does: it finds the metadata document (after a 404 for
 * {@code openid-configuration}), then the JWK set, then verifies the gateway's tokens. The issuer has to be the URL
 * the gateway is reached at, so the gateway listens on a port chosen here.
 */
@SpringBootTest(webEnvironment = DEFINED_PORT)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
abstract class ResourceServerDiscoveryTests {

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
    void reactiveDecoderFromIssuerWhenGatewayTokenThenVerifiedWithItsClaims() {
        ReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(issuer);
        String token = DiscoveryFixture.issue(client);

        Jwt jwt = decoder.decode(token).block();

        assertThat(jwt.getSubject()).isEqualTo(DiscoveryFixture.SUBJECT);
        assertThat(jwt.getIssuer()).hasToString(issuer);
        assertThat(jwt.getAudience()).containsExactly("jwt-gateway-backends");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("user", "admin");
        assertThat(jwt.getHeaders()).containsEntry("alg", algorithm());
        assertThat(jwt.getId()).isNotBlank();
    }

    @Test
    void blockingDecoderFromIssuerWhenGatewayTokenThenVerified() {
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        String token = DiscoveryFixture.issue(client);

        Jwt jwt = decoder.decode(token);

        assertThat(jwt.getSubject()).isEqualTo(DiscoveryFixture.SUBJECT);
        assertThat(jwt.getHeaders()).containsEntry("alg", algorithm());
    }

    @Test
    void reactiveDecoderFromIssuerWhenClaimsTamperedThenRejected() {
        ReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(issuer);
        String tampered = withSubject(DiscoveryFixture.issue(client), "admin");

        assertThatThrownBy(() -> decoder.decode(tampered).block())
                .isInstanceOf(BadJwtException.class)
                .isNotInstanceOf(JwtValidationException.class);     // the signature failed, not a claim check
    }

    /** The JWS algorithm the gateway signs with in this test. */
    abstract String algorithm();

    /** The token with its payload's {@code sub} replaced and the original signature kept. */
    private static String withSubject(String token, String subject) {
        String[] parts = token.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1]), UTF_8)
                .replace("\"sub\":\"" + DiscoveryFixture.SUBJECT + "\"", "\"sub\":\"" + subject + "\"");
        assertThat(payload).contains("\"sub\":\"" + subject + "\"");
        return parts[0] + "." + encoder.encodeToString(payload.getBytes(UTF_8)) + "." + parts[2];
    }
}
