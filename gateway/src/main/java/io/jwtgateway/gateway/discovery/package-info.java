/**
 * What a resource server needs to verify the gateway's tokens on its own: the JWK set and the RFC 8414
 * authorization server metadata, at the paths the issuer implies.
 */
@NullMarked
package io.jwtgateway.gateway.discovery;

import org.jspecify.annotations.NullMarked;
