package io.jwtgateway.gateway.revocation;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Revokes tokens and checks every verified token against the revoked set. The check runs after the verified-token
 * cache on every request and reads only this replica's copy: no network round trip. While a shared store cannot be
 * reached, {@code gateway.auth.revocation.on-store-failure} decides: {@code deny} (503) or {@code allow} (counted).
 */
@Component
public class Revocations {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final RevocationStore store;
    private final boolean allowWhenUnavailable;
    private final AtomicLong allowedUnchecked = new AtomicLong();

    Revocations(RevocationStore store, RevocationProperties properties) {
        this.store = store;
        this.allowWhenUnavailable = properties.onStoreFailure() == FailureMode.ALLOW;
    }

    /** The token, unless it is revoked (401) or the revoked set cannot vouch for it and failures deny (503). */
    public Mono<VerifiedToken> requireActive(VerifiedToken token) {
        RevokedTokens revoked = store.local();
        if (!revoked.isEmpty()) {
            String id = RevocationId.of(token);
            if (id != null && revoked.contains(id)) {
                return AuthError.revokedToken().reject();
            }
        }
        if (store.isAvailable()) {
            return Mono.just(token);
        }
        if (allowWhenUnavailable) {
            if (allowedUnchecked.getAndIncrement() % 1000 == 0) {
                log.warn("Revocation store unreachable: serving tokens checked against the local copy only "
                        + "(on-store-failure=allow; {} so far)", allowedUnchecked.get());
            }
            return Mono.just(token);
        }
        return AuthError.revocationUnavailable().reject();
    }

    /** Whether the token is revoked, as far as this replica knows. */
    public boolean isRevoked(VerifiedToken token) {
        String id = RevocationId.of(token);
        return id != null && store.local().contains(id);
    }

    /**
     * Revokes a verified token until its {@code exp}. A token without {@code jti} cannot be revoked: completes empty.
     * A store that refuses or does not answer in time is {@code revocationNotRecorded} (503): nothing was recorded.
     */
    public Mono<Void> revoke(VerifiedToken token) {
        String id = RevocationId.of(token);
        if (id == null) {
            return Mono.empty();
        }
        return store.revoke(id, token.expiresAt().getEpochSecond())
                .onErrorResume(Revocations::isStoreFailure, failure -> AuthError.revocationNotRecorded().reject());
    }

    private static boolean isStoreFailure(Throwable failure) {
        return failure instanceof DataAccessException || failure instanceof TimeoutException;
    }

    /** Requests served while the store was unreachable, under {@code allow}. */
    long allowedUnchecked() {
        return allowedUnchecked.get();
    }
}
