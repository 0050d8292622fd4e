package io.jwtgateway.gateway.revocation;

import java.time.Instant;
import java.util.Locale;

import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RevocationProperties.FailureMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each change in the freshness of this replica's copy of the revoked set once, from the reload loop, never per
 * request: an outage of Redis gives at most three lines (the copy turns stale; it outlives {@code max-staleness} and
 * {@code on-store-failure} applies; Redis answers again).
 */
final class FreshnessLog {

    private static final Logger log = LoggerFactory.getLogger(FreshnessLog.class);

    private final RevocationProperties properties;
    private volatile Freshness reported = Freshness.CURRENT;

    FreshnessLog(RevocationProperties properties) {
        this.properties = properties;
    }

    /** After a successful reload. */
    void reloaded(int entries) {
        if (reported != Freshness.CURRENT) {
            log.info("Redis is reachable again: the revoked set is current ({} entries)", entries);
            reported = Freshness.CURRENT;
        }
    }

    /** After a failed reload, with the freshness that failure leaves the copy in. */
    void failed(Freshness now, @Nullable Instant lastReload, int entries, Throwable failure) {
        if (now == reported) {
            return;
        }
        String cause = failure.getClass().getSimpleName();
        if (now == Freshness.STALE && lastReload != null) {
            log.warn("Cannot reload revocations from Redis ({}): tokens are checked against the copy of the revoked "
                    + "set reloaded at {} ({} entries), stale, until {}; then {}", cause, lastReload, entries,
                    lastReload.plus(properties.maxStaleness()), onStoreFailure());
        } else if (now == Freshness.UNUSABLE && lastReload == null) {
            log.warn("Cannot load revocations from Redis ({}): {} until the first load", cause, onStoreFailure());
        } else if (now == Freshness.UNUSABLE) {
            log.warn("Cannot reload revocations from Redis ({}), and the copy of the revoked set reloaded at {} is "
                    + "past max-staleness ({}): {} until Redis answers", cause, lastReload,
                    properties.maxStaleness(), onStoreFailure());
        }
        reported = now;
    }

    private String onStoreFailure() {
        FailureMode mode = properties.onStoreFailure();
        return "on-store-failure=" + mode.name().toLowerCase(Locale.ROOT) + (mode == FailureMode.DENY
                ? " refuses protected requests with 503"
                : " serves tokens checked against that copy only");
    }
}
