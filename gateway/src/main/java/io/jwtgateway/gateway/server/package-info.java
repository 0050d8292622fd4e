/**
 * The gateway's HTTP/1.1 connections before a request reaches WebFlux: deadlines for slow and silent clients,
 * JSON refusals of requests Netty could not decode (414, 431, 400), and request bodies that break off, which must
 * reach the backend as aborted, never as complete. On the way out, how far each response has gone to the socket, which
 * the access log asks when a client closes.
 */
@NullMarked
package io.jwtgateway.gateway.server;

import org.jspecify.annotations.NullMarked;
