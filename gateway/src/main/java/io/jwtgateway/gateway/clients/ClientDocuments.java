package io.jwtgateway.gateway.clients;

import io.jwtgateway.gateway.store.SharedDocuments;

/**
 * The shared documents the registry keeps: the clients, and when each key was last used (a kind of its own, so that
 * the frequent last-use writes never race an operator's change of a client).
 *
 * @param clients  kind {@value #CLIENTS}: one document per registered client, under its client id
 * @param lastUses kind {@value #LAST_USES}: one document per key, under its key id
 */
record ClientDocuments(SharedDocuments clients, SharedDocuments lastUses) {

    static final String CLIENTS = "clients";
    static final String LAST_USES = "client-key-uses";
}
