package io.jwtgateway.gateway.revocation;

import java.util.concurrent.TimeoutException;

import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Revokes tokens and checks every verified token against the revoked set. The check runs after the verified-token
 * cache on every request and reads only this replica's copy: no network round trip. While a shared store cannot be
 * reached, tokens are still checked against the copy as last reloaded, for up to
 * {@code gateway.auth.revocation.max-staleness} (each request so served counted in
 * {@code gateway_revocation_served_stale_total}); after that, or before a first load, {@code on-store-failure}
 * decides: {@code deny} (503) or {@code allow} (each request so served counted in
 * {@code gateway_revocation_allowed_unchecked_total}). The store logs when each period starts and ends.
 */
@Component
public class Revocations {

    static final String ALLOWED_UNCHECKED = "gateway.revocation.allowed.unchecked";
    static final String SERVED_STALE = "gateway.revocation.served.stale";

    private final RevocationStore store;
    private final boolean allowWhenUnusable;
    private final Counter servedStale;
    private final Counter servedUnchecked;

    Revocations(RevocationStore store, RevocationProperties properties, MeterRegistry registry) {
        this.store = store;
        this.allowWhenUnusable = properties.onStoreFailure() == FailureMode.ALLOW;
        this.servedStale = Counter.builder(SERVED_STALE)
                .description("Requests checked against a stale copy of the revoked set, Redis being unreachable "
                        + "(within max-staleness)")
                .register(registry);
        this.servedUnchecked = Counter.builder(ALLOWED_UNCHECKED)
                .description("Requests served while the copy of the revoked set was unusable (on-store-failure=allow)")
                .register(registry);
    }

    /**
     * The token, unless it is revoked (401), or the copy of the revoked set is unusable (never loaded, or Redis
     * unreachable for longer than max-staleness) and failures deny (503).
     */
    public Mono<VerifiedToken> requireActive(VerifiedToken token) {
        RevokedTokens revoked = store.local();
        if (!revoked.isEmpty()) {
            String id = RevocationId.of(token);
            if (id != null && revoked.contains(id)) {
                return AuthError.revokedToken().reject();
            }
        }
        return switch (store.freshness()) {
            case CURRENT -> Mono.just(token);
            case STALE -> counted(servedStale, token);
            case UNUSABLE -> allowWhenUnusable ? counted(servedUnchecked, token)
                    : AuthError.revocationUnavailable().reject();
        };
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

    private static Mono<VerifiedToken> counted(Counter served, VerifiedToken token) {
        served.increment();
        return Mono.just(token);
    }

    private static boolean isStoreFailure(Throwable failure) {
        return failure instanceof DataAccessException || failure instanceof TimeoutException;
    }
}
