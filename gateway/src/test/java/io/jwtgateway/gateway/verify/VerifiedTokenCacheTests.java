package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.MutableClock;
import io.jwtgateway.gateway.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The cache of verified tokens. To tell a cache hit from a fresh verification, a second verifier shares the cache but
 * holds another secret: it can only accept the gateway's token by finding it in the cache.
 */
class VerifiedTokenCacheTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final String OTHER_SECRET = "another-secret-that-is-at-least-32-bytes-long";

    final MutableClock clock = new MutableClock(NOW);
    final TestTokens tokens = new TestTokens(NOW);
    final AuthProperties properties = AuthConfig.of();
    final AuthProperties otherKeyProperties = AuthConfig.of("hmac-secret=" + OTHER_SECRET);

    @Test
    void verifyWhenTokenCachedThenSignatureNotCheckedAgain() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        String token = tokens.valid().sign();
        verifierWith(properties, cache).verify(token).block();

        Mono<VerifiedToken> result = verifierWith(otherKeyProperties, cache).verify(token);

        StepVerifier.create(result)
                .assertNext(verified -> assertThat(verified.subject()).isEqualTo("alice"))
                .verifyComplete();
    }

    @Test
    void verifyWhenCachedElsewhereThenOtherKeyRefusesIt() {           // the control: no shared cache, no pass
        String token = tokens.valid().sign();
        verifierWith(properties, new VerifiedTokenCache(properties, clock)).verify(token).block();

        Mono<VerifiedToken> result =
                verifierWith(otherKeyProperties, new VerifiedTokenCache(properties, clock)).verify(token);

        assertThat(KeyRotationTests.rejectionOf(result).code()).isEqualTo("invalid_token");
    }

    @Test
    void verifyWhenRefusedThenNothingCached() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        String token = tokens.valid().sign();
        KeyRotationTests.rejectionOf(verifierWith(otherKeyProperties, cache).verify(token));

        assertThat(cache.get(cache.digest(token))).isNull();
    }

    @Test
    void verifyWhenCachedTokenPastExpiryAndSkewThenExpired() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        TokenVerifier verifier = verifierWith(properties, cache);
        String token = tokens.valid().expiresAt(NOW.plus(Duration.ofMinutes(5))).sign();
        verifier.verify(token).block();
        clock.advance(Duration.ofMinutes(5).plus(properties.clockSkew()).plusSeconds(1));

        Mono<VerifiedToken> result = verifier.verify(token);

        assertThat(KeyRotationTests.rejectionOf(result)).isEqualTo(AuthError.expiredToken());
    }

    @Test
    void getWhenCachedTokenPastExpiryAndSkewThenMiss() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        String token = tokens.valid().expiresAt(NOW.plus(Duration.ofMinutes(5))).sign();
        verifierWith(properties, cache).verify(token).block();
        clock.advance(Duration.ofMinutes(5).plus(properties.clockSkew()).plusSeconds(1));

        Mono<VerifiedToken> result = verifierWith(otherKeyProperties, cache).verify(token);

        assertThat(cache.get(cache.digest(token))).isNull();
        assertThat(KeyRotationTests.rejectionOf(result).code()).isEqualTo("invalid_token");
    }

    @Test
    void getWhenCachedTokenPastExpiryButWithinSkewThenHit() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        String token = tokens.valid().expiresAt(NOW.plus(Duration.ofMinutes(5))).sign();
        verifierWith(properties, cache).verify(token).block();
        clock.advance(Duration.ofMinutes(5).plus(properties.clockSkew()).minusSeconds(1));

        Mono<VerifiedToken> result = verifierWith(otherKeyProperties, cache).verify(token);

        StepVerifier.create(result).expectNextCount(1).verifyComplete();
    }

    @Test
    void verifyWhenCacheDisabledThenEveryCallVerifies() {
        AuthProperties uncached = AuthConfig.of("cache.enabled=false");
        VerifiedTokenCache cache = new VerifiedTokenCache(uncached, clock);
        String token = tokens.valid().sign();
        StepVerifier.create(verifierWith(uncached, cache).verify(token)).expectNextCount(1).verifyComplete();

        Mono<VerifiedToken> result =
                verifierWith(AuthConfig.of("cache.enabled=false", "hmac-secret=" + OTHER_SECRET), cache)
                        .verify(token);

        assertThat(KeyRotationTests.rejectionOf(result).code()).isEqualTo("invalid_token");
        assertThat(cache.get(cache.digest(token))).isNull();
    }

    @Test
    void verifyWhenCacheFullThenStillVerifies() {
        VerifiedTokenCache cache = new VerifiedTokenCache(AuthConfig.of("cache.max-size=1"), clock);
        TokenVerifier verifier = verifierWith(properties, cache);

        for (int i = 0; i < 5; i++) {
            StepVerifier.create(verifier.verify(tokens.valid().sign())).expectNextCount(1).verifyComplete();
        }
    }

    @Test
    void cacheWhenKeyedThenByDigestHoldingNoTokenText() throws NoSuchFieldException {
        ParameterizedType type =
                (ParameterizedType) VerifiedTokenCache.class.getDeclaredField("cache").getGenericType();

        assertThat(type.getRawType()).isEqualTo(Cache.class);
        assertThat(type.getActualTypeArguments()[0]).isEqualTo(VerifiedTokenCache.Digest.class);
        assertThat(VerifiedTokenCache.Digest.class.getRecordComponents())
                .extracting(RecordComponent::getType)
                .containsOnly(long.class);
    }

    @Test
    void digestWhenPrintedThenShowsNoPartOfToken() {
        VerifiedTokenCache cache = new VerifiedTokenCache(properties, clock);
        String token = tokens.valid().sign();

        String printed = cache.digest(token).toString();

        for (String segment : token.split("\\.")) {
            assertThat(printed).doesNotContain(segment.substring(0, 8));
        }
    }

    private TokenVerifier verifierWith(AuthProperties keys, VerifiedTokenCache cache) {
        VerificationMetrics metrics = new VerificationMetrics(new SimpleMeterRegistry());
        return new TokenVerifier(new Issuers(VerifierFixture.signingKeys(keys), keys,
                VerifierFixture.SERVICES, clock, metrics, ObservationRegistry.NOOP), cache, metrics,
                keys);
    }
}
