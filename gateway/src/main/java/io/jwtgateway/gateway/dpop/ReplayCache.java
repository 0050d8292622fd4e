package io.jwtgateway.gateway.dpop;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Remembers the proofs accepted, so that none is accepted twice (RFC 9449 §11.1). */
interface ReplayCache {

    /**
     * True when {@code proofId} was not seen before, and remembers it until {@code until}; false for a replay. Fails
     * when the cache cannot vouch for the proof (full, or its store unreachable).
     */
    Mono<Boolean> firstUse(ProofId proofId, Instant until);
}
