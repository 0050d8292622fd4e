/** Cryptography that several features share: SHA-256. */
@NullMarked
package io.jwtgateway.gateway.crypto;

import org.jspecify.annotations.NullMarked;
