package io.jwtgateway.gateway.revocation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's copy of the revoked set: revocation id to the token's {@code exp}. An entry is useless once its token
 * has expired (the verifier refuses it anyway), so entries are dropped then and the set cannot grow without bound.
 */
final class RevokedTokens {

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    void add(String id, long expiresAtEpochSecond) {
        expiries.merge(id, expiresAtEpochSecond, Math::max);
    }

    boolean contains(String id) {
        return expiries.containsKey(id);
    }

    /** Forgets every entry whose token expired before {@code now} (minus the skew the verifier still allows). */
    void forgetExpired(Instant horizon) {
        long cutoff = horizon.getEpochSecond();
        expiries.values().removeIf(expiresAt -> expiresAt < cutoff);
    }

    boolean isEmpty() {
        return expiries.isEmpty();
    }

    int size() {
        return expiries.size();
    }
}
