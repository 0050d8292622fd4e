package io.jwtgateway.gateway.store;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * The documents of one kind (clients, routes), each a JSON text under an id, as every replica shares them. Every
 * replica holds them all in memory, so {@link #all()} never waits on the network; a change made on any replica reaches
 * every other one by push, within a second, and a full reload heals a missed message. A write that cannot be made
 * durable fails: nothing is half-recorded.
 */
public interface SharedDocuments {

    /** Every document as this replica knows it now, id to JSON: an immutable snapshot. */
    Map<String, String> all();

    /**
     * Stores one document, replacing any under the same id; this replica's {@link #all()} has it when the returned
     * {@code Mono} completes. Fails with {@link StoreUnavailableException} when the store cannot be written.
     */
    Mono<Void> put(String id, String json);

    /** Removes one document; completes whether or not it existed. Fails as {@link #put} does. */
    Mono<Void> remove(String id);

    /**
     * Runs {@code listener} on this replica after each change of {@link #all()}, whichever replica made it; a full
     * reload that changed anything counts as one change. Listeners run on the store's own thread, one at a time.
     */
    void onChange(Runnable listener);

    /** Whether {@link #all()} is current: a file is; Redis is while its reloads succeed. */
    boolean isAvailable();
}
