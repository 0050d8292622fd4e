/**
 * Pieces of HTTP every feature uses, depending on no other package of the gateway: bounded bodies, strict JSON
 * and forms, address ranges, the front door (the one web filter) and its steps, backend request header filters and
 * the one pass each way that builds the backend request's headers and the response's, the paths of the gateway's own
 * endpoints, {@link io.jwtgateway.gateway.http.FilterOrder}, the order of every filter and handler, and
 * {@link io.jwtgateway.gateway.http.FrameworkBeanReplacement}, the one way a framework bean is replaced.
 */
@NullMarked
package io.jwtgateway.gateway.http;

import org.jspecify.annotations.NullMarked;
