/**
 * Connections that outlive a request: WebSockets and event streams opened with a token end when the token does,
 * expired or revoked, on every replica.
 */
@NullMarked
package io.jwtgateway.gateway.stream;

import org.jspecify.annotations.NullMarked;
