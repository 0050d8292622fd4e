/**
 * The identity assertion: a short-lived JWT the gateway signs with a key of its own for each request it forwards with
 * a verified token, naming the service as its audience, so that a backend can check that a request came through the
 * gateway rather than trust its {@code X-Auth-*} headers because of where it stands in the network.
 */
@NullMarked
package io.jwtgateway.gateway.assertion;

import org.jspecify.annotations.NullMarked;
