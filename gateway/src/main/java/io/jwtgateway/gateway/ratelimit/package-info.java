/**
 * Rate limits per caller: token buckets in memory or in Redis, keyed by the verified subject on protected routes and
 * by the client address on public routes and the token endpoints; refusals are 429 problem details.
 */
@NullMarked
package io.jwtgateway.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
