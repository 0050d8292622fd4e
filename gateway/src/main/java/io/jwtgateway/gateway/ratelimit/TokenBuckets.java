package io.jwtgateway.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Where buckets live: this process's memory, or Redis shared by the replicas. Same semantics in both. */
interface TokenBuckets {

    /** Takes one token from the caller's bucket under the policy, creating it full when absent. Never fails. */
    Mono<Decision> take(RatePolicy policy, String caller);
}
