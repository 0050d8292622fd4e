/**
 * What the gateway changes at runtime and every replica must share (registered clients, routes added through the
 * operator API): documents of one kind, each a JSON text under an id, held in memory by every replica, changed by push
 * and kept across restarts, in a file of the gateway's data directory or in Redis. {@code DocumentStores} opens each
 * kind once, in the store its feature chose, and health shows each one's state.
 */
@NullMarked
package io.jwtgateway.gateway.store;

import org.jspecify.annotations.NullMarked;
