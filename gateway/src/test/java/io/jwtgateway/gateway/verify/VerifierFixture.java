package io.jwtgateway.gateway.verify;

import java.time.Clock;

import io.jwtgateway.gateway.config.AuthProperties;

/**
 * Reaches the package-private constructors of {@link SigningKey} and {@link TokenVerifier}, so plain tests in other
 * packages can build them without a Spring context.
 */
public final class VerifierFixture {

    private VerifierFixture() {
    }

    public static SigningKey signingKey(AuthProperties properties) {
        return new SigningKey(properties);
    }

    public static TokenVerifier verifier(SigningKey signingKey, AuthProperties properties, Clock clock) {
        return new TokenVerifier(signingKey, properties, clock);
    }
}
