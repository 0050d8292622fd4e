package io.jwtgateway.gateway.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.jwtgateway.gateway.config.RevocationProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Revocations shared by every replica through Redis. The sorted set {@value #KEY} holds each revocation id scored by
 * its token's {@code exp} (the source of truth; expired members are trimmed); a message on {@value #CHANNEL} tells
 * every replica at once. Each replica checks requests against its local copy only, fed by those messages and reloaded
 * from the set every {@code resync-interval}, so a missed message is healed within one interval. Redis counts as
 * unreachable when no reload has succeeded for three intervals; the copy is then stale, and serves until
 * {@code max-staleness} after its last reload ({@link Staleness}). A revocation reaches the local copy only once Redis
 * holds it, so one that fails is recorded nowhere.
 *
 * <p>A {@link SmartLifecycle}, as the health check and the trusted issuers' JWKS refresh are: rather than init and
 * destroy methods, which follow bean creation, its phase says when it runs next to the web server and Redis.
 */
final class RedisRevocationStore implements RevocationStore, SmartLifecycle {

    static final String KEY = "jwt-gateway:revoked";
    static final String CHANNEL = "jwt-gateway:revocations";

    private static final Logger log = LoggerFactory.getLogger(RedisRevocationStore.class);

    private final RevokedTokens revoked = new RevokedTokens();
    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisMessageListenerContainer listener;
    private final RevocationProperties properties;
    private final Clock clock;
    private final Duration clockSkew;
    private final Staleness staleness;
    private final FreshnessLog freshnessLog;
    private volatile @Nullable Reload lastReload;
    private volatile @Nullable Disposable running;

    RedisRevocationStore(ReactiveStringRedisTemplate redis, ReactiveRedisMessageListenerContainer listener,
            RevocationProperties properties, Clock clock, Duration clockSkew) {
        this.redis = redis;
        this.listener = listener;
        this.properties = properties;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.staleness = Staleness.of(properties);
        this.freshnessLog = new FreshnessLog(properties);
    }

    @Override
    public Mono<Void> revoke(String id, long expiresAtEpochSecond) {
        return redis.opsForZSet().add(KEY, id, expiresAtEpochSecond)
                .doOnSuccess(added -> revoked.add(id, expiresAtEpochSecond))   // once Redis holds it
                .then(redis.convertAndSend(CHANNEL, expiresAtEpochSecond + " " + id))
                .timeout(properties.timeout())
                .then();
    }

    @Override
    public RevokedTokens local() {
        return revoked;
    }

    @Override
    public Freshness freshness() {
        Reload last = lastReload;
        return last == null ? Freshness.UNUSABLE : staleness.at(System.nanoTime() - last.nanos());
    }

    @Override
    public Optional<Instant> lastReload() {
        Reload last = lastReload;
        return last == null ? Optional.empty() : Optional.of(last.at());
    }

    /** Subscribes to the channel and starts reloading the set; both retry on their own while Redis is away. */
    @Override
    public void start() {
        Disposable messages = listener.receive(ChannelTopic.of(CHANNEL))
                .doOnNext(message -> accept(message.getMessage()))
                .retryWhen(
                        Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(properties.resyncInterval()))
                .subscribe();
        Disposable reloads = Flux.interval(Duration.ZERO, properties.resyncInterval())
                .onBackpressureDrop()
                .concatMap(tick -> resync())
                .subscribe();
        running = Disposables.composite(messages, reloads);
    }

    @Override
    public void stop() {
        Disposable subscriptions = running;
        if (subscriptions != null) {
            subscriptions.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Right after Lettuce's connection factory (phase 0) and well before the web server (Spring Boot's
     * WebServerStartStopLifecycle, {@code DEFAULT_PHASE - 2048}); stopping runs the other way round. So the first
     * reload is under way before a request arrives, and on close reloads go on until the last request is answered
     * and end before Redis is disconnected.
     */
    @Override
    public int getPhase() {
        return 1;
    }

    private void accept(String message) {
        int space = message.indexOf(' ');
        if (space > 0) {
            try {
                revoked.add(message.substring(space + 1), Long.parseLong(message.substring(0, space)));
            } catch (NumberFormatException ignored) {
                log.warn("Ignored a malformed message on {}", CHANNEL);
            }
        }
    }

    /** Trims expired members, then loads the rest into the local copy. Never fails: a failure is a state. */
    private Mono<Void> resync() {
        long horizon = clock.instant().minus(clockSkew).getEpochSecond();
        return redis.opsForZSet().removeRangeByScore(KEY, Range.closed(Double.NEGATIVE_INFINITY, (double) horizon - 1))
                .thenMany(redis.opsForZSet().rangeByScoreWithScores(KEY, Range.closed((double) horizon,
                        Double.POSITIVE_INFINITY)))
                .doOnNext(this::load)
                .then()
                .timeout(properties.timeout())
                .doOnSuccess(done -> markReloaded(horizon))
                .onErrorResume(this::markFailed);
    }

    private void load(TypedTuple<String> member) {
        if (member.getValue() != null && member.getScore() != null) {
            revoked.add(member.getValue(), member.getScore().longValue());
        }
    }

    private void markReloaded(long horizon) {
        revoked.forgetExpired(Instant.ofEpochSecond(horizon));
        lastReload = new Reload(System.nanoTime(), clock.instant());
        freshnessLog.reloaded(revoked.size());
    }

    private Mono<Void> markFailed(Throwable failure) {
        freshnessLog.failed(freshness(), lastReload().orElse(null), revoked.size(), failure);
        return Mono.empty();
    }

    /** A successful reload: when, on the monotonic clock that ages the copy, and on the clock the health shows. */
    private record Reload(long nanos, Instant at) {
    }
}
