package io.jwtgateway.gateway.clients;

import org.jspecify.annotations.Nullable;

/**
 * Who makes a change, for the audit line.
 *
 * @param name      the admin token's subject, {@value #MANAGEMENT_PORT} on the management port (no token there), or
 *                  {@code client:<client_id>} for a client changing its own registration (RFC 7592)
 * @param requestId the request that made it
 */
public record Actor(String name, @Nullable String requestId) {

    public static final String MANAGEMENT_PORT = "management-port";

    /** A client acting on its own registration with its registration access token. */
    public static Actor client(String clientId, @Nullable String requestId) {
        return new Actor("client:" + clientId, requestId);
    }
}
