/**
 * Browser clients: CORS for every path the gateway serves, its own endpoints included, from Spring Cloud Gateway's
 * {@code globalcors} configuration and each route's {@code cors} metadata.
 */
@NullMarked
package io.jwtgateway.gateway.browser;

import org.jspecify.annotations.NullMarked;
