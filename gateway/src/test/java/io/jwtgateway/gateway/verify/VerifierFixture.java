package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.util.Map;

import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * Reaches the package-private constructors of {@link SigningKeys}, {@link AssertionKey} and {@link TokenVerifier}, so
 * plain tests in other
 * packages can build them without a Spring context.
 */
public final class VerifierFixture {

    private VerifierFixture() {
    }

    public static SigningKeys signingKeys(AuthProperties properties) {
        return new SigningKeys(properties);
    }

    /** The services of a gateway configured with none but {@code backend}. */
    public static final ServicesProperties SERVICES = new ServicesProperties(Map.of(), ServicesProperties.BUILT_IN);

    /** The identity assertions' key beside the properties' own token keys. */
    public static AssertionKey assertionKey(AssertionProperties assertion, AuthProperties properties) {
        return new AssertionKey(assertion, new SigningKeys(properties));
    }

    /** A verifier with the properties' own keys, trusted issuers and cache. */
    public static TokenVerifier verifier(AuthProperties properties, Clock clock) {
        return verifier(new SigningKeys(properties), properties, clock);
    }

    public static TokenVerifier verifier(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        return verifier(signingKeys, properties, clock, new SimpleMeterRegistry());
    }

    /** A verifier whose timers and JWKS counters land in {@code registry}. */
    public static TokenVerifier verifier(SigningKeys signingKeys, AuthProperties properties, Clock clock,
            MeterRegistry registry) {
        VerificationMetrics metrics = new VerificationMetrics(registry);
        return new TokenVerifier(
                new Issuers(signingKeys, properties, SERVICES, clock, metrics, ObservationRegistry.NOOP),
                new VerifiedTokenCache(properties, clock), metrics, properties);
    }
}
