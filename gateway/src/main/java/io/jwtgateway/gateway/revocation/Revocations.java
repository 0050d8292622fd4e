package io.jwtgateway.gateway.revocation;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Revokes tokens and checks every verified token against the revoked set. The check runs after the verified-token
 * cache on every request and reads only this replica's copy: no network round trip. While a shared store cannot be
 * reached, {@code gateway.auth.revocation.on-store-failure} decides: {@code deny} (503) or {@code allow}, each request
 * so served counted in {@code gateway_revocation_allowed_unchecked_total}.
 */
@Component
public class Revocations {

    static final String ALLOWED_UNCHECKED = "gateway.revocation.allowed.unchecked";

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final RevocationStore store;
    private final boolean allowWhenUnavailable;
    private final Counter servedUnchecked;
    private final AtomicLong allowedUnchecked = new AtomicLong();   // the log's own count: it warns every 1000th

    Revocations(RevocationStore store, RevocationProperties properties, MeterRegistry registry) {
        this.store = store;
        this.allowWhenUnavailable = properties.onStoreFailure() == FailureMode.ALLOW;
        this.servedUnchecked = Counter.builder(ALLOWED_UNCHECKED)
                .description("Requests served while the revocation store was unreachable (on-store-failure=allow)")
                .register(registry);
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
            servedUnchecked.increment();
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
}
