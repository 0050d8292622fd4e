/**
 * What operators see of each request: the {@code X-Request-Id} that follows it to the backend, one access log
 * line, and the counters of authentication decisions, in the fixed vocabulary of
 * {@link io.jwtgateway.gateway.observe.AuthOutcome} (and {@link io.jwtgateway.gateway.observe.KeyRefusal} for refused
 * keys); and the audit line of each change made at runtime ({@link io.jwtgateway.gateway.observe.AuditLog}), naming
 * its {@link io.jwtgateway.gateway.observe.Actor}. Other
 * features report to it; it decides nothing.
 */
@NullMarked
package io.jwtgateway.gateway.observe;

import org.jspecify.annotations.NullMarked;
