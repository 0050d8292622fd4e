/**
 * Browser clients: CORS for every path the gateway serves, its own endpoints included, from Spring Cloud Gateway's
 * {@code globalcors} configuration.
 */
@NullMarked
package io.jwtgateway.gateway.browser;

import org.jspecify.annotations.NullMarked;
