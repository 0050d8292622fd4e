package io.jwtgateway.gateway.ratelimit;

/**
 * What a bucket said about one request.
 *
 * @param allowed   whether the request may proceed
 * @param remaining tokens left after it; {@value #UNKNOWN_REMAINING} when the store could not answer
 */
record Decision(boolean allowed, long remaining) {

    static final long UNKNOWN_REMAINING = -1;

    /** Served without a count: the store did not answer, and a limiter must not take the gateway down with it. */
    static final Decision UNKNOWN = new Decision(true, UNKNOWN_REMAINING);

    boolean isKnown() {
        return remaining != UNKNOWN_REMAINING;
    }
}
