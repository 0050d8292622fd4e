package io.jwtgateway.gateway.assertion;

import java.time.Instant;

/**
 * One signed assertion, its {@code exp}, and until when it may be sent again: until half its lifetime has passed, so
 * that a backend always gets one with at least half its lifetime left, however its clock and the network delay it.
 * Worked out once, when it is signed, so that a reuse costs a comparison.
 *
 * @param value       the compact JWS, the header's value
 * @param expiresAt   its {@code exp}
 * @param reuseUntil  the instant from which a new one is signed
 */
record SignedAssertion(String value, Instant expiresAt, Instant reuseUntil) {

    static SignedAssertion of(String value, Instant issuedAt, Instant expiresAt) {
        long lifetimeMillis = expiresAt.toEpochMilli() - issuedAt.toEpochMilli();
        return new SignedAssertion(value, expiresAt, issuedAt.plusMillis(lifetimeMillis / 2));
    }

    boolean reusableAt(Instant now) {
        return now.isBefore(reuseUntil);
    }

    @Override
    public String toString() {                          // a bearer of identity: never in a log line
        return "SignedAssertion[expiresAt=%s, reuseUntil=%s]".formatted(expiresAt, reuseUntil);
    }
}
