/** Cryptography that several features share: the JWS signing algorithms and SHA-256. */
@NullMarked
package io.jwtgateway.gateway.crypto;

import org.jspecify.annotations.NullMarked;
