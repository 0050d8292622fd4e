package io.jwtgateway.gateway.revocation;

import reactor.core.publisher.Mono;

/** Where revocations are recorded, and this replica's copy of them that every request is checked against. */
interface RevocationStore {

    /** Records a revocation until {@code expiresAtEpochSecond}; completes once the store holds it. */
    Mono<Void> revoke(String id, long expiresAtEpochSecond);

    /** The local copy: checking a token never waits on the network. */
    RevokedTokens local();

    /** Whether the local copy is known to be current; false while a shared store cannot be reached. */
    boolean isAvailable();
}
