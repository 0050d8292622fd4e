package io.jwtgateway.gateway.clients;

import io.jwtgateway.gateway.observe.KeyRefusal;

/** What the registry says of a presented key: the client and key it belongs to, or why it gets nothing. */
public sealed interface KeyCheck {

    /**
     * The key is one of the client's, neither revoked nor expired, the client is active and may use the grant.
     *
     * @param client the key's client
     * @param key    the key presented
     */
    record Accepted(Client client, ClientKey key) implements KeyCheck {
    }

    /**
     * The key gets no token; the reason is for the metrics only, never for the caller.
     *
     * @param reason why
     */
    record Refused(KeyRefusal reason) implements KeyCheck {
    }
}
