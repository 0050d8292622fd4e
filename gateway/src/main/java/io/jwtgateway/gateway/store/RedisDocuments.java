package io.jwtgateway.gateway.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.jwtgateway.gateway.config.StoreProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.ReactiveHashOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The documents of one kind shared by every replica through Redis. The hash {@code jwt-gateway:<kind>} holds each
 * document under its id (the source of truth); a message on {@code jwt-gateway:<kind>:changes} names the id that
 * changed, and every replica then reads that one field (or drops it, when it is gone). Each replica serves its local
 * copy only, fed by those messages and reloaded in full every {@code gateway.store.resync-interval}, so a missed
 * message is healed within one interval. A reload that fails is tried again within a second, so a replica that could
 * not reach Redis, when it started or since, catches up within a second of Redis answering again, whatever the
 * interval. Redis counts as unreachable when no reload has succeeded for three intervals.
 *
 * <p>A change and its message are one Lua script, so Redis records both or neither: a change that fails was not half
 * made. One that takes longer than {@code gateway.store.timeout} fails too, though Redis may still make it later; the
 * replicas then learn of it as of any other.
 *
 * <p>Started and stopped by {@link DocumentStores}, a {@code SmartLifecycle} in the phase of the revocation store's.
 */
final class RedisDocuments implements SharedDocuments {

    private static final Logger log = LoggerFactory.getLogger(RedisDocuments.class);

    private static final RedisScript<Long> PUT = RedisScript.of("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('PUBLISH', ARGV[3], ARGV[1])""", Long.class);

    private static final RedisScript<Long> REMOVE = RedisScript.of("""
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then
                return 0
            end
            return redis.call('PUBLISH', ARGV[2], ARGV[1])""", Long.class);

    /** The longest wait after a failed reload: a replica catches up within a second of Redis coming back. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String kind;
    private final String key;
    private final String channel;
    private final LocalCopy copy;
    private final ReactiveStringRedisTemplate redis;
    private final Supplier<ReactiveRedisMessageListenerContainer> listener;
    private final StoreProperties.Redis properties;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final Duration retry;
    private volatile long lastSyncNanos;
    private volatile boolean synced;
    private volatile @Nullable Disposable running;

    RedisDocuments(String kind, ReactiveStringRedisTemplate redis,
            Supplier<ReactiveRedisMessageListenerContainer> listener, StoreProperties.Redis properties) {
        this.kind = kind;
        this.key = "jwt-gateway:" + kind;
        this.channel = key + ":changes";
        this.copy = new LocalCopy(kind);
        this.redis = redis;
        this.listener = listener;
        this.properties = properties;
        this.retry = properties.resyncInterval().compareTo(RETRY) < 0 ? properties.resyncInterval() : RETRY;
    }

    @Override
    public Map<String, String> all() {
        return copy.all();
    }

    @Override
    public Mono<Void> put(String id, String json) {
        return write(redis.execute(PUT, List.of(key), List.of(id, json, channel)), id, json);
    }

    @Override
    public Mono<Void> remove(String id) {
        return write(redis.execute(REMOVE, List.of(key), List.of(id, channel)), id, null);
    }

    @Override
    public void onChange(Runnable listener) {
        copy.onChange(listener);
    }

    @Override
    public boolean isAvailable() {
        return synced && System.nanoTime() - lastSyncNanos < properties.resyncInterval().toNanos() * 3;
    }

    /** Subscribes to the channel and starts reloading the hash; both retry on their own while Redis is away. */
    void start() {
        Disposable messages = Flux.defer(() -> listener.get().receive(ChannelTopic.of(channel)))
                .subscribeOn(Schedulers.boundedElastic())   // the first subscription connects, and waits for it
                .concatMap(message -> fetch(message.getMessage()))
                .retryWhen(
                        Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(retry).transientErrors(true))
                .subscribe();
        Disposable reloads = Mono.defer(this::reload)
                .flatMap(loaded -> Mono.delay(loaded ? properties.resyncInterval() : retry))
                .repeat()
                .subscribe();
        running = Disposables.composite(messages, reloads);
    }

    void stop() {
        Disposable subscriptions = running;
        if (subscriptions != null) {
            subscriptions.dispose();
            running = null;
        }
    }

    /** Ends the store's thread, once stopped. */
    void close() {
        copy.close();
    }

    /** The change in Redis, then in the local copy, on the store's thread behind any read that came back before. */
    private Mono<Void> write(Flux<Long> change, String id, @Nullable String json) {
        return change
                .then()
                .timeout(properties.timeout())
                .onErrorMap(RedisDocuments::isStoreFailure, this::unavailable)
                .publishOn(copy.thread())
                .then(Mono.fromRunnable(() -> copy.set(id, json)));
    }

    /** The one document a message names, as Redis holds it now. Never fails: the next reload heals a missed one. */
    private Mono<Void> fetch(String id) {
        return hash().get(key, id)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .timeout(properties.timeout())
                .publishOn(copy.thread())
                .doOnNext(json -> copy.set(id, json.orElse(null)))
                .then()
                .onErrorResume(failure -> Mono.empty());
    }

    /** Replaces the local copy with the whole hash; true when it did. Never fails: a failure is a state. */
    private Mono<Boolean> reload() {
        return hash().entries(key)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .timeout(properties.timeout())
                .publishOn(copy.thread())
                .map(this::markSynced)
                .onErrorResume(this::markUnreachable);
    }

    private ReactiveHashOperations<String, String, String> hash() {
        return redis.opsForHash();
    }

    private boolean markSynced(Map<String, String> documents) {
        copy.replace(documents);
        lastSyncNanos = System.nanoTime();
        synced = true;
        if (reachable.compareAndSet(false, true)) {
            log.info("Redis is reachable again: the {} are current (documents: {})", kind, documents.size());
        }
        return true;
    }

    private Mono<Boolean> markUnreachable(Throwable failure) {
        if (reachable.compareAndSet(true, false)) {
            log.warn("Cannot reload the {} from Redis ({}): serving the last copy, which counts as stale after {}",
                    kind, failure.getClass().getSimpleName(), properties.resyncInterval().multipliedBy(3));
        }
        return Mono.just(false);
    }

    private StoreUnavailableException unavailable(Throwable failure) {
        log.warn("Cannot write the {} to Redis ({}): the change was not made", kind,
                failure.getClass().getSimpleName());
        return new StoreUnavailableException(kind);
    }

    /** Redis did not answer in time, or answered with an error; anything else is a bug and surfaces. */
    private static boolean isStoreFailure(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof DataAccessException;
    }
}
