package io.jwtgateway.gateway.clients;

import java.security.MessageDigest;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One API key of a client, known by its public id and the SHA-256 of the whole key; the key itself is never kept.
 *
 * @param keyId     the public identifier: in a registered key, the part between {@code gwk_} and the dot; shown in
 *                  lists, logs, the audit and the tokens' {@code key_id} claim
 * @param sha256    the SHA-256 of the whole key, never modified after construction
 * @param createdAt when the key was made
 * @param expiresAt when it stops getting tokens; null for never
 * @param revokedAt when an operator revoked it, which also ended every token it got; null while it is not revoked
 */
public record ClientKey(String keyId, byte[] sha256, Instant createdAt, @Nullable Instant expiresAt,
        @Nullable Instant revokedAt) {

    /** Whether {@code presentedSha256} is this key's hash, compared in constant time. */
    boolean matches(byte[] presentedSha256) {
        return MessageDigest.isEqual(sha256, presentedSha256);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** What an operator sees: revoked before expired, as a revocation is the stronger statement. */
    public KeyState state(Instant now) {
        if (isRevoked()) {
            return KeyState.REVOKED;
        }
        return isExpired(now) ? KeyState.EXPIRED : KeyState.ACTIVE;
    }

    ClientKey revoked(Instant at) {
        return new ClientKey(keyId, sha256, createdAt, expiresAt, at);
    }

    @Override
    public String toString() {                          // the hash of a key is a secret too
        return "ClientKey[keyId=%s, createdAt=%s, expiresAt=%s, revokedAt=%s]".formatted(keyId, createdAt, expiresAt,
                revokedAt);
    }
}
