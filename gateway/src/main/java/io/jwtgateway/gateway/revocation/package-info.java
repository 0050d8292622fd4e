/** Revoking tokens before they expire: the revoked set (memory or Redis), the check, and the RFC 7009/7662 endpoints. */
@NullMarked
package io.jwtgateway.gateway.revocation;

import org.jspecify.annotations.NullMarked;
