/**
 * The {@code keys} command: operator tooling that runs from the gateway jar without starting Spring, making signing
 * keys and API keys exactly the way the gateway reads them.
 */
@NullMarked
package io.jwtgateway.gateway.keytool;

import org.jspecify.annotations.NullMarked;
