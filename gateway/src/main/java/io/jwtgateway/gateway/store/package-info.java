/**
 * What the gateway changes at runtime and every replica must share (registered clients, routes added through the
 * operator API): documents of one kind, each a JSON text under an id, held in memory by every replica, changed by push
 * and kept across restarts, in a file of the gateway's data directory or in Redis.
 */
@NullMarked
package io.jwtgateway.gateway.store;

import org.jspecify.annotations.NullMarked;
