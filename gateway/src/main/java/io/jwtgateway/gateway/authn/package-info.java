/**
 * Authentication: finding a request's credentials ({@link io.jwtgateway.gateway.authn.Credentials}: the
 * {@code Authorization} header, {@code Bearer} or {@code DPoP}; else a WebSocket upgrade's {@code access_token}; else
 * the token cookie, whose unsafe requests must come from a trusted origin; else a JSON body's {@code token}), checking
 * that a token is presented as it is bound ({@link io.jwtgateway.gateway.authn.KeyBinding}: a DPoP-bound token only
 * with the {@code DPoP} scheme and a valid proof, an unbound one never with a proof), and the one pipeline every
 * caller uses, {@link io.jwtgateway.gateway.authn.Authenticator}: credentials → verify → active → bound → admit, each
 * decision recorded once.
 */
@NullMarked
package io.jwtgateway.gateway.authn;

import org.jspecify.annotations.NullMarked;
