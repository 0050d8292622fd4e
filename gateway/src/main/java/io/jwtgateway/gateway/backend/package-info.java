/**
 * The services behind the routes ({@code lb://<name>}): each one's instances (listed, or found by resolving a DNS name
 * again and again), health checks, the choice of an instance (round-robin or least requests), outlier detection, one
 * retry on another instance after a connect failure or a premature close, timeouts, the routing filter that sends the
 * request (the gateway's own on Reactor Netty's client, or Spring Cloud Gateway's), and the 502, 503 and 504 problem
 * details when no instance answers.
 */
@NullMarked
package io.jwtgateway.gateway.backend;

import org.jspecify.annotations.NullMarked;
