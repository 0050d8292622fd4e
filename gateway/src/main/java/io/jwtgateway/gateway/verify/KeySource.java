package io.jwtgateway.gateway.verify;

import reactor.core.publisher.Mono;

/** Where an issuer's keys come from: fixed at startup, or a JWKS fetched and refreshed. */
interface KeySource {

    KeySet current();

    /**
     * Asked when a token names a key we do not have: emits true once a fresh key set is in place, false when no fetch
     * is allowed now. Never fails.
     */
    Mono<Boolean> refetch();
}
