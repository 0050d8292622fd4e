/**
 * Rate limits per caller: token buckets in memory or in Redis, keyed by the verified subject on protected routes, by
 * the client address on public routes and the token endpoints, and by the registered client across every route when
 * it has a limit of its own; refusals are 429 problem details.
 */
@NullMarked
package io.jwtgateway.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
