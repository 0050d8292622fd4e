package io.jwtgateway.gateway.clients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.jwtgateway.gateway.store.SharedDocuments;
import reactor.core.publisher.Mono;

/** Provisional: documents of this process only, until the file and Redis stores are in. */
final class InMemoryDocuments implements SharedDocuments {

    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> all() {
        return Map.copyOf(documents);
    }

    @Override
    public Mono<Void> put(String id, String json) {
        return Mono.fromRunnable(() -> {
            documents.put(id, json);
            listeners.forEach(Runnable::run);
        });
    }

    @Override
    public Mono<Void> remove(String id) {
        return Mono.fromRunnable(() -> {
            if (documents.remove(id) != null) {
                listeners.forEach(Runnable::run);
            }
        });
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public boolean isAvailable() {
        return true;
    }
}
