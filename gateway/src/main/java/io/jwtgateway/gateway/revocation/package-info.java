/**
 * Revoking tokens before they expire: the revoked set, in memory or shared through Redis, and the check every
 * verified token passes. The endpoints that revoke are in {@code token}.
 */
@NullMarked
package io.jwtgateway.gateway.revocation;

import org.jspecify.annotations.NullMarked;
