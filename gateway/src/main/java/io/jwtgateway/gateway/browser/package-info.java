/**
 * Browser clients: CORS for every path the gateway serves, its own endpoints included, from Spring Cloud Gateway's
 * {@code globalcors} configuration; which origins a request may come from ({@link
 * io.jwtgateway.gateway.browser.TrustedOrigins}, the CSRF defence of a cookie token); and the token cookie, read as a
 * credential, set by the token endpoint and taken off the backend request.
 */
@NullMarked
package io.jwtgateway.gateway.browser;

import org.jspecify.annotations.NullMarked;
