/**
 * The client registry: who may trade an API key for a token, with what subject, roles, scopes, grant types, token
 * lifetime and rate limit. Clients registered at runtime live in a shared store and every replica holds them all in
 * memory, rebuilt on each change; the keys of {@code gateway.auth.api-keys} (or the demo key) are read-only clients
 * beside them. A key is found by its public key id (or, for a configured key, its hash) and compared in constant time.
 */
@NullMarked
package io.jwtgateway.gateway.clients;

import org.jspecify.annotations.NullMarked;
