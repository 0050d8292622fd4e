/**
 * Refusals: {@link io.jwtgateway.gateway.refusal.AuthError}, the one value for every refused credential or token
 * request; {@link io.jwtgateway.gateway.refusal.AuthException}, the one carrier that takes it through a {@code Mono};
 * {@link io.jwtgateway.gateway.refusal.RefusalWriter}, the one writer of every refusal the gateway sends, as an
 * RFC 9457 problem detail (listing each member at fault of a refused body,
 * {@link io.jwtgateway.gateway.refusal.InvalidField}) or an RFC 6749 §5.2 error; and
 * {@link io.jwtgateway.gateway.refusal.RefusalCode}, our own codes for the refusals that are not about credentials.
 */
@NullMarked
package io.jwtgateway.gateway.refusal;

import org.jspecify.annotations.NullMarked;
