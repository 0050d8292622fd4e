package io.jwtgateway.gateway.clients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When each key was last used to get a token. A token request only notes the time in this replica's memory; every
 * {@code last-use-write-interval} the keys of registered clients used since the last write are written to the shared
 * store, one document each ({@code {"last_used_at": <seconds>}} under the key id), so a key costs at most one write per
 * replica per interval, and never one per token. What an operator reads is the later of this replica's note and the
 * store's. A write that fails is tried again at the next interval; a note made in the last interval before a stop is
 * lost.
 */
@Component
public class KeyUses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyUses.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAST_USED_AT = "last_used_at";

    private final ClientDocuments documents;
    private final ClientRegistry registry;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentMap<String, Use> uses = new ConcurrentHashMap<>();
    private volatile @Nullable Disposable writing;

    KeyUses(ClientDocuments documents, ClientRegistry registry, Clock clock, ClientsProperties properties) {
        this.documents = documents;
        this.registry = registry;
        this.clock = clock;
        this.interval = properties.lastUseWriteInterval();
    }

    /**
     * Notes that the client's key got a token now: a map lookup and a write to memory. A configured key's use stays
     * in this replica's memory: its key id is only the place of the key in this replica's configuration.
     */
    public void used(Client client, ClientKey key) {
        Use use = uses.get(key.keyId());
        if (use == null) {
            use = uses.computeIfAbsent(key.keyId(), id -> new Use(!client.readOnly()));
        }
        use.last = clock.millis() / 1000;
    }

    /** The later of this replica's note and the store's; null when the key was never used, as far as is known. */
    public @Nullable Instant lastUse(String keyId) {
        Use use = uses.get(keyId);
        long local = use == null ? 0 : use.last;
        long stored = stored(documents.lastUses().all().get(keyId));
        long last = Math.max(local, stored);
        return last == 0 ? null : Instant.ofEpochSecond(last);
    }

    /** Forgets the keys' uses, here and in the store, when they are gone with their client. */
    Mono<Void> forget(List<String> keyIds) {
        return Flux.fromIterable(keyIds)
                .doOnNext(uses::remove)
                .concatMap(keyId -> documents.lastUses().remove(keyId))
                .then();
    }

    /** Writes every registered key's use noted since the last write; keys gone from the registry are forgotten. */
    Mono<Void> write() {
        List<Map.Entry<String, Use>> due = new ArrayList<>();
        for (Map.Entry<String, Use> entry : uses.entrySet()) {
            if (!entry.getValue().shared) {
                continue;
            }
            if (registry.snapshot().byKeyId(entry.getKey()) == null) {
                uses.remove(entry.getKey(), entry.getValue());      // gone with its client since
            } else if (entry.getValue().last > entry.getValue().written) {
                due.add(entry);
            }
        }
        return Flux.fromIterable(due)
                .concatMap(this::write)
                .then();
    }

    private Mono<Void> write(Map.Entry<String, Use> entry) {
        long last = Math.max(entry.getValue().last, stored(documents.lastUses().all().get(entry.getKey())));
        return documents.lastUses().put(entry.getKey(), "{\"" + LAST_USED_AT + "\":" + last + "}")
                .doOnSuccess(done -> entry.getValue().written = last)
                .onErrorResume(failure -> {
                    log.debug("Could not write the last use of key {}; trying again in {}", entry.getKey(), interval);
                    return Mono.empty();
                });
    }

    private static long stored(@Nullable String json) {
        if (json == null) {
            return 0;
        }
        try {
            JsonNode last = JSON.readTree(json).get(LAST_USED_AT);
            return last != null && last.canConvertToLong() ? last.asLong() : 0;
        } catch (JacksonException unreadable) {
            return 0;
        }
    }

    @Override
    public void start() {
        writing = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> write())
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = writing;
        if (running != null) {
            running.dispose();
            writing = null;
        }
    }

    @Override
    public boolean isRunning() {
        return writing != null;
    }

    /** One key's use: the second it was last noted, the second last written to the store, and whether it is. */
    private static final class Use {
        final boolean shared;
        volatile long last;
        volatile long written;

        Use(boolean shared) {
            this.shared = shared;
        }
    }
}
