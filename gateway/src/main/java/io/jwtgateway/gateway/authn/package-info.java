/**
 * Authentication: finding a request's credentials (the {@code Authorization: Bearer} header, else a JSON body's
 * {@code token}) and the one pipeline every caller uses, {@link io.jwtgateway.gateway.authn.Authenticator}:
 * credentials → verify → active → admit, then refuse or admit.
 */
@NullMarked
package io.jwtgateway.gateway.authn;

import org.jspecify.annotations.NullMarked;
