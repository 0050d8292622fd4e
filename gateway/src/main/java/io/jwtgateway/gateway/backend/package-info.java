/**
 * The backends behind {@code lb://backend}: the instance list, health checks, one retry on another instance after a
 * connect failure or a premature close, timeouts, and the 502, 503 and 504 problem details when no backend answers.
 */
@NullMarked
package io.jwtgateway.gateway.backend;

import org.jspecify.annotations.NullMarked;
