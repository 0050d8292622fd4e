package io.jwtgateway.gateway.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * This replica's copy of one kind's documents: an immutable snapshot that readers take without a lock, replaced only on
 * the store's own thread, which then tells the listeners. One thread orders every change: a store hands it the results
 * of its reads in the order they arrived, so an older read never overwrites a newer one.
 */
final class LocalCopy {

    private static final Logger log = LoggerFactory.getLogger(LocalCopy.class);

    private final String kind;
    private final Scheduler thread;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> documents = Map.of();

    LocalCopy(String kind) {
        this.kind = kind;
        this.thread = Schedulers.newSingle("documents-" + kind, true);
    }

    Map<String, String> all() {
        return documents;
    }

    /** The store's own thread: every change is made there, and listeners run there. */
    Scheduler thread() {
        return thread;
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Sets one document, or removes it when {@code json} is null; tells the listeners when that changed anything. */
    void set(String id, @Nullable String json) {
        if (Objects.equals(documents.get(id), json)) {
            return;
        }
        Map<String, String> changed = new HashMap<>(documents);
        if (json == null) {
            changed.remove(id);
        } else {
            changed.put(id, json);
        }
        documents = Map.copyOf(changed);
        changed();
    }

    /** Replaces every document; tells the listeners once when that changed anything. */
    void replace(Map<String, String> all) {
        if (!documents.equals(all)) {
            documents = Map.copyOf(all);
            changed();
        }
    }

    /** Ends the store's thread; nothing changes afterwards. */
    void close() {
        thread.dispose();
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException ex) {         // one failing feature must not stop the store telling the others
                log.error("A listener of the {} store failed", kind, ex);
            }
        }
    }
}
