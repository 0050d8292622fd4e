package io.jwtgateway.gateway.assertion;

import java.time.Duration;
import java.time.Instant;

/**
 * One signed assertion and its lifetime.
 *
 * @param value     the compact JWS, the header's value
 * @param issuedAt  its {@code iat}
 * @param expiresAt its {@code exp}
 */
record SignedAssertion(String value, Instant issuedAt, Instant expiresAt) {

    /**
     * Whether it may still be sent at {@code now}: until half its lifetime has passed, so that a backend always gets
     * one with at least half its lifetime left, however its clock and the network delay it.
     */
    boolean reusableAt(Instant now) {
        return now.isBefore(reuseUntil());
    }

    Instant reuseUntil() {
        return issuedAt.plus(Duration.between(issuedAt, expiresAt).dividedBy(2));
    }

    @Override
    public String toString() {                          // a bearer of identity: never in a log line
        return "SignedAssertion[issuedAt=%s, expiresAt=%s]".formatted(issuedAt, expiresAt);
    }
}
