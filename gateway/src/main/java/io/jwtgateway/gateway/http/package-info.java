/**
 * Pieces of HTTP every feature uses, depending on no other package of the gateway: bounded bodies, strict JSON
 * and forms, address ranges, backend request header filters, the paths of the gateway's own endpoints, and
 * {@link io.jwtgateway.gateway.http.FilterOrder}, the order of every filter and handler.
 */
@NullMarked
package io.jwtgateway.gateway.http;

import org.jspecify.annotations.NullMarked;
