/**
 * Verifying tokens: signing and verification keys (own, rotated, from trusted issuers' JWKS), the key that signs
 * identity assertions (published, never one a token is verified with), JWT parsing in canonical form, claim rules,
 * and the verified-token cache. A failed check is an
 * {@link io.jwtgateway.gateway.refusal.AuthError}.
 */
@NullMarked
package io.jwtgateway.gateway.verify;

import org.jspecify.annotations.NullMarked;
