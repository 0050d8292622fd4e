/** The token playground: a static page, served by the gateway at {@code /}, that walks through the token flow. */
@NullMarked
package io.jwtgateway.gateway.playground;

import org.jspecify.annotations.NullMarked;
