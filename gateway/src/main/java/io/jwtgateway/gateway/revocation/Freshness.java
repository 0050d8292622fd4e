package io.jwtgateway.gateway.revocation;

import java.util.Locale;

/** How far this replica's copy of the revoked set can be trusted, which decides how a token is checked. */
enum Freshness {

    /** The copy follows the store: the memory store itself, or a copy reloaded from Redis within three intervals. */
    CURRENT,

    /** Redis is unreachable, and the copy is within {@code max-staleness}: tokens are still checked against it. */
    STALE,

    /** No copy yet, or older than {@code max-staleness}: {@code on-store-failure} decides. */
    UNUSABLE;

    /** As the health details show it. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
