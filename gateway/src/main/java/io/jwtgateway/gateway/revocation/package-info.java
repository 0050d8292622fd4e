/**
 * Revoking tokens before they expire: the revoked set, in memory or shared through Redis, and the check every
 * verified token passes, against this replica's copy of the set, which outlives a Redis outage for
 * {@code max-staleness}. The endpoints that revoke are in {@code token}.
 */
@NullMarked
package io.jwtgateway.gateway.revocation;

import org.jspecify.annotations.NullMarked;
