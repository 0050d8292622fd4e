package io.jwtgateway.gateway.revocation;

import java.time.Instant;
import java.util.Optional;

import reactor.core.publisher.Mono;

/** Where revocations are recorded, and this replica's copy of them that every request is checked against. */
interface RevocationStore {

    /** Records a revocation until {@code expiresAtEpochSecond}; completes once the store holds it. */
    Mono<Void> revoke(String id, long expiresAtEpochSecond);

    /** The local copy: checking a token never waits on the network. */
    RevokedTokens local();

    /** How far the local copy can be trusted now; read on every request, so it costs no more than reading a clock. */
    Freshness freshness();

    /** When the local copy was last reloaded from a shared store; empty before its first load, and for memory. */
    Optional<Instant> lastReload();
}
