package io.jwtgateway.gateway.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.MutableClock;
import io.jwtgateway.gateway.verify.AssertionKey;
import io.jwtgateway.gateway.verify.JwtJson;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.jwtgateway.gateway.verify.VerifierFixture;
import org.junit.jupiter.api.Test;

/** Reuse of signed assertions against a pinned clock: never past half their lifetime, never past the token. */
class AssertionCacheTests {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final AuthProperties auth = AuthConfig.of();

    @Test
    void assertionForWhenAskedAgainWithinHalfItsLifetimeThenSameAssertion() {
        AssertionCache cache = cache(10_000);
        VerifiedToken token = token(NOW.plus(Duration.ofHours(1)));
        String first = cache.assertionFor(token, "orders");

        clock.advance(Duration.ofSeconds(29));

        assertThat(cache.assertionFor(token, "orders")).isEqualTo(first);
    }

    @Test
    void assertionForWhenHalfItsLifetimeHasPassedThenNewAssertionWithLaterExpiry() {
        AssertionCache cache = cache(10_000);
        VerifiedToken token = token(NOW.plus(Duration.ofHours(1)));
        String first = cache.assertionFor(token, "orders");

        clock.advance(Duration.ofSeconds(30));
        String second = cache.assertionFor(token, "orders");

        assertThat(second).isNotEqualTo(first);
        assertThat(claims(second).getExpiration().toInstant()).isEqualTo(NOW.plus(Duration.ofSeconds(90)));
    }

    @Test
    void assertionForWhenTokenEndsSoonerThenReusedOnlyForHalfWhatIsLeft() {
        AssertionCache cache = cache(10_000);
        VerifiedToken token = token(NOW.plus(Duration.ofSeconds(10)));
        String first = cache.assertionFor(token, "orders");

        assertThat(claims(first).getExpiration().toInstant()).isEqualTo(NOW.plus(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.assertionFor(token, "orders")).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.assertionFor(token, "orders")).isNotEqualTo(first);
    }

    @Test
    void assertionForWhenAnotherAudienceThenAssertionOfItsOwn() {
        AssertionCache cache = cache(10_000);
        VerifiedToken token = token(NOW.plus(Duration.ofHours(1)));

        String orders = cache.assertionFor(token, "orders");
        String billing = cache.assertionFor(token, "billing");

        assertThat(billing).isNotEqualTo(orders);
        assertThat(claims(billing).getAudience()).containsExactly("billing");
    }

    @Test
    void assertionForWhenCacheSizeZeroThenSignedEveryTime() {
        AssertionCache cache = cache(0);
        VerifiedToken token = token(NOW.plus(Duration.ofHours(1)));

        assertThat(cache.assertionFor(token, "orders")).isNotEqualTo(cache.assertionFor(token, "orders"));
    }

    private AssertionKey key;

    private AssertionCache cache(int size) {
        AssertionProperties properties = properties(size);
        key = VerifierFixture.assertionKey(properties, auth);
        return new AssertionCache(new AssertionSigner(key, auth, properties, clock), properties, clock);
    }

    /** The claims, verified with the published key at the pinned time. */
    private Claims claims(String assertion) {
        PublicKey publicKey = (PublicKey) Jwks.builder().add(key.publicJwk()).build().toKey();
        return Jwts.parser().json(JwtJson.reader()).verifyWith(publicKey).clock(() -> Date.from(clock.instant()))
                .build().parseSignedClaims(assertion).getPayload();
    }

    private static AssertionProperties properties(int size) {
        return new AssertionProperties("X-Auth-Assertion", Duration.ofSeconds(60), "ES256", null, size);
    }

    private static VerifiedToken token(Instant expiresAt) {
        return new VerifiedToken("jwt-gateway", "alice", List.of("user"), List.of(), "token-1", NOW, expiresAt, null,
                null, null, null, null);
    }
}
