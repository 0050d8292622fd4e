/**
 * The {@code keys} command: operator tooling that runs from the gateway jar without starting Spring, making signing
 * keys and API keys exactly the way the gateway reads them, DPoP proofs for clients and the benchmark, and managing a
 * running gateway's clients and their keys through its operator API.
 */
@NullMarked
package io.jwtgateway.gateway.keytool;

import org.jspecify.annotations.NullMarked;
