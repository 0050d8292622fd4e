package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.util.Map;

import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * Wires {@link SigningKeys}, {@link AssertionKey} and {@link TokenVerifier} by hand, as Spring would, through their package-private
 * constructors, for benchmarks in other packages.
 */
public final class Verifiers {

    private Verifiers() {
    }

    public static SigningKeys signingKeys(AuthProperties properties) {
        return new SigningKeys(properties);
    }

    /** The identity assertions' key pair, made for the process unless {@code properties} name a file. */
    public static AssertionKey assertionKey(AssertionProperties properties, SigningKeys signingKeys) {
        return new AssertionKey(properties, signingKeys);
    }

    /** A verifier of the tokens {@code signingKeys} signs, with the cache {@code properties} configure. */
    public static TokenVerifier verifier(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        VerificationMetrics metrics = new VerificationMetrics(new SimpleMeterRegistry());
        ServicesProperties services = new ServicesProperties(Map.of(), ServicesProperties.BUILT_IN);
        return new TokenVerifier(
                new Issuers(signingKeys, properties, services, clock, metrics, ObservationRegistry.NOOP),
                new VerifiedTokenCache(properties, clock), metrics, properties);
    }
}
