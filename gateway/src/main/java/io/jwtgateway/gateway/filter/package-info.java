/**
 * The gateway's own filters on the request path: the path firewall, ahead of every handler, and the global
 * authentication filter on every route, with the {@code X-Auth-*} identity headers it strips from the client and adds
 * for the backend.
 */
@NullMarked
package io.jwtgateway.gateway.filter;

import org.jspecify.annotations.NullMarked;
