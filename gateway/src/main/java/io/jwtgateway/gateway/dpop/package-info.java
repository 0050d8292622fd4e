/**
 * Sender-constrained tokens, DPoP (RFC 9449): checking a request's {@code DPoP} proof (its signature, {@code typ},
 * {@code alg}, public key, method, URL, age, token hash and nonce), remembering each proof so that none is accepted
 * twice, in memory or in Redis for every replica, and the server nonces every replica derives alike.
 */
@NullMarked
package io.jwtgateway.gateway.dpop;

import org.jspecify.annotations.NullMarked;
