package io.jwtgateway.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestClients;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.verify.SigningKeys;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifierFixture;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class TokenIssuerTests {

    /** Mid-second on purpose: a NumericDate holds whole seconds. */
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00.750Z");
    static final Instant NOW_SECONDS = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofMinutes(3);

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AuthProperties properties = AuthConfig.of("token-ttl=3m");
    SigningKeys signingKeys = VerifierFixture.signingKeys(properties);
    TokenIssuer issuer = new TokenIssuer(signingKeys, properties, clock);
    Client alice = TestClients.readOnly("alice-client", "alice", List.of("user", "admin"), List.of());

    @Test
    void issueWhenOwnerGivenThenVerifierAcceptsToken() {
        TokenVerifier verifier = VerifierFixture.verifier(properties, clock);

        IssuedToken issued = issue(alice);

        StepVerifier.create(verifier.verify(issued.token()))
                .assertNext(verified -> {
                    assertThat(verified.subject()).isEqualTo("alice");
                    assertThat(verified.roles()).containsExactly("user", "admin");
                    assertThat(verified.tokenId()).isEqualTo(claims(issued).get("jti"));
                    assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt());
                })
                .verifyComplete();
    }

    @Test
    void issueWhenOwnerHasNoRolesThenVerifiedWithNoRoles() {
        TokenVerifier verifier = VerifierFixture.verifier(signingKeys, properties, clock);
        Client roleless = TestClients.readOnly("carol-client", "carol", List.of(), List.of());

        IssuedToken issued = issue(roleless);

        StepVerifier.create(verifier.verify(issued.token()))
                .assertNext(verified -> assertThat(verified.roles()).isEmpty())
                .verifyComplete();
    }

    @Test
    void issueWhenSignedThenHeaderNamesHs256JwtAndKeyId() {
        IssuedToken issued = issue(alice);

        Map<String, Object> header = header(issued);

        assertThat(header)
                .containsEntry("alg", "HS256")
                .containsEntry("typ", "JWT")
                .containsEntry("kid", signingKeys.keyId());
    }

    @Test
    void issueWhenSignedThenClaimsNameIssuerAudienceSubjectAndRoles() {
        IssuedToken issued = issue(alice);

        Map<String, Object> claims = claims(issued);

        assertThat(claims)
                .containsEntry("iss", TestTokens.ISSUER)
                .containsEntry("sub", "alice")
                .containsEntry("roles", List.of("user", "admin"));
        assertThat(audience(claims.get("aud"))).containsExactly(TestTokens.AUDIENCE);
    }

    @Test
    void issueWhenClockMidSecondThenIssuedAtIsWholeSecond() {
        IssuedToken issued = issue(alice);

        long issuedAt = numericDate(claims(issued), "iat");

        assertThat(issuedAt).isEqualTo(NOW_SECONDS.getEpochSecond());
    }

    @Test
    void issueWhenSignedThenExpiryIsIssuedAtPlusTtl() {
        IssuedToken issued = issue(alice);

        Map<String, Object> claims = claims(issued);

        assertThat(numericDate(claims, "exp")).isEqualTo(numericDate(claims, "iat") + TTL.toSeconds());
    }

    @Test
    void issueWhenSignedThenExpiresAtEqualsExpClaim() {
        IssuedToken issued = issue(alice);

        long exp = numericDate(claims(issued), "exp");

        assertThat(issued.expiresAt()).isEqualTo(Instant.ofEpochSecond(exp));
        assertThat(issued.expiresAt()).isEqualTo(NOW_SECONDS.plus(TTL));
    }

    @Test
    void issueWhenTwiceThenTokenIdsDiffer() {
        IssuedToken first = issue(alice);
        IssuedToken second = issue(alice);

        Object firstId = claims(first).get("jti");
        Object secondId = claims(second).get("jti");

        assertThat(firstId).isInstanceOf(String.class).asString().isNotEmpty();
        assertThat(secondId).isNotEqualTo(firstId);
    }

    @Test
    void toStringWhenIssuedThenOmitsToken() {
        IssuedToken issued = issue(alice);

        String text = issued.toString();

        assertThat(text).doesNotContain(issued.token()).doesNotContain(issued.token().split("\\.")[2]);
    }

    @Test
    void issueWhenClientHasItsOwnLifetimeThenExpiryAfterIt() {
        IssuedToken issued = issue(withLifetime(alice, Duration.ofMinutes(10)));

        assertThat(numericDate(claims(issued), "exp")).isEqualTo(NOW_SECONDS.plus(Duration.ofMinutes(10))
                .getEpochSecond());
        assertThat(issued.expiresIn()).isEqualTo(600);
    }

    @Test
    void issueWhenClientLifetimeAboveTheMaximumThenCappedAtIt() {
        TokenIssuer capped = new TokenIssuer(signingKeys, AuthConfig.of("token-ttl=3m", "max-token-lifetime=1h"),
                clock);
        Client client = withLifetime(alice, Duration.ofHours(2));

        IssuedToken issued = capped.issue(client, client.keys().get(0), null);

        assertThat(issued.expiresAt()).isEqualTo(NOW_SECONDS.plus(Duration.ofHours(1)));
    }

    @Test
    void issueWhenReadOnlyClientThenClientIdClaimAndNoKeyId() {
        Map<String, Object> claims = claims(issue(alice));

        assertThat(claims).containsEntry("client_id", "alice-client").doesNotContainKey("key_id");
    }

    @Test
    void issueWhenRegisteredClientThenClientIdAndKeyIdClaims() {
        Client registered = new Client("billing", alice.metadata(), NOW, null, List.of(TestClients.key("k2k2k2k2k2k2")),
                null, false);

        Map<String, Object> claims = claims(issuer.issue(registered, registered.keys().get(0), null));

        assertThat(claims).containsEntry("client_id", "billing").containsEntry("key_id", "k2k2k2k2k2k2");
    }

    private IssuedToken issue(Client client) {
        return issuer.issue(client, client.keys().get(0), null);
    }

    private static Client withLifetime(Client client, Duration lifetime) {
        ClientMetadata own = client.metadata();
        return new Client(client.clientId(), new ClientMetadata(own.name(), own.subject(), own.roles(), own.scopes(),
                own.grantTypes(), lifetime, own.rateLimit(), own.dpopBound(), own.status(), List.of()),
                client.issuedAt(), null,
                client.keys(), null, client.readOnly());
    }

    private static Map<String, Object> header(IssuedToken issued) {
        return segment(issued, 0);
    }

    private static Map<String, Object> claims(IssuedToken issued) {
        return segment(issued, 1);
    }

    private static Map<String, Object> segment(IssuedToken issued, int index) {
        String[] segments = issued.token().split("\\.");
        assertThat(segments).hasSize(3);
        return JSON.readValue(Base64.getUrlDecoder().decode(segments[index]), OBJECT);
    }

    private static long numericDate(Map<String, Object> claims, String name) {
        assertThat(claims.get(name)).isInstanceOf(Number.class);
        return ((Number) claims.get(name)).longValue();
    }

    /** {@code aud} is a string or an array of strings (RFC 7519 §4.1.3). */
    private static List<Object> audience(Object aud) {
        return aud instanceof List<?> list ? List.copyOf(list) : List.of(aud);
    }
}
