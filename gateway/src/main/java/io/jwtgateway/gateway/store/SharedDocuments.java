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
     * {@code Mono} completes. Fails with {@link StoreUnavailableException} when the store cannot be written, and then
     * nothing changed: not the store, not {@link #all()} (only a Redis too slow to answer in time may still make the
     * change, which every replica then learns of as of any other). A file store keeps the document as compact JSON,
     * as a restart reads it back, and fails with {@link IllegalArgumentException} when {@code json} is not JSON.
     */
    Mono<Void> put(String id, String json);

    /** Removes one document; completes whether or not it existed. Fails as {@link #put} does. */
    Mono<Void> remove(String id);

    /**
     * Runs {@code listener} on this replica after each change of {@link #all()}, whichever replica made it; a full
     * reload that changed anything counts as one change, and a write that changed nothing is none. Listeners run on
     * the store's own thread, one at a time, so a listener must not block; one that throws is logged, and the others
     * still run.
     */
    void onChange(Runnable listener);

    /** Whether {@link #all()} is current: a file is; Redis is while its reloads succeed. */
    boolean isAvailable();
}
