/**
 * The token authority's endpoints: issuing (the seed's {@code /api/v3/auth} for an API key, the OAuth2 client
 * credentials grant) for the clients of the {@code clients} registry, revoking (logout, RFC 7009) and introspecting
 * (RFC 7662), with the issuer they use.
 */
@NullMarked
package io.jwtgateway.gateway.token;

import org.jspecify.annotations.NullMarked;
