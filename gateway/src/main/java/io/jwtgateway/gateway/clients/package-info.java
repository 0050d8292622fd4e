/**
 * The client registry: who may trade an API key for a token, with what subject, roles, scopes, grant types, token
 * lifetime and rate limit. Clients registered at runtime live in a shared store and every replica holds them all in
 * memory, rebuilt on each change; the keys of {@code gateway.auth.api-keys} (or the demo key) are read-only clients
 * beside them. A key is found by its public key id (or, for a configured key, its hash) and compared in constant time.
 * Every change goes through {@link io.jwtgateway.gateway.clients.ClientChanges} (audited, counted), whether it comes
 * from the operator API under the actuator's base path ({@link io.jwtgateway.gateway.clients.ClientsEndpoint}) or from
 * RFC 7591 registration; {@link io.jwtgateway.gateway.clients.EndedTokens} ends the tokens of a disabled or deleted
 * client and of a revoked key, and {@link io.jwtgateway.gateway.clients.KeyUses} notes when each key was last used.
 */
@NullMarked
package io.jwtgateway.gateway.clients;

import org.jspecify.annotations.NullMarked;
