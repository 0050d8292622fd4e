package io.jwtgateway.gateway.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The proofs this replica accepted, each until it is too old to be accepted anyway, in a set of at most
 * {@code gateway.auth.dpop.replay.max-entries}: once a second, those past their time are dropped. A full set refuses
 * new proofs (503) rather than forget one still within its age, which would let it be replayed.
 */
final class MemoryReplayCache implements ReplayCache, SmartLifecycle {

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    /** Proof id → the epoch second it is forgotten after. */
    private final ConcurrentMap<Long, Long> seen = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;
    private volatile @Nullable Disposable sweeping;

    MemoryReplayCache(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstUse(ProofId proofId, Instant until) {
        if (seen.size() >= maxEntries) {
            return Mono.error(new ReplayCacheFull());
        }
        return Mono.just(seen.putIfAbsent(proofId.shortForm(), until.getEpochSecond() + 1) == null);
    }

    /** Drops every proof whose time is over. */
    void sweep() {
        long now = clock.instant().getEpochSecond();
        seen.values().removeIf(until -> until < now);
    }

    int size() {
        return seen.size();
    }

    @Override
    public void start() {
        sweeping = Flux.interval(SWEEP_INTERVAL, SWEEP_INTERVAL)
                .onBackpressureDrop()
                .subscribe(tick -> sweep());
    }

    @Override
    public void stop() {
        Disposable running = sweeping;
        if (running != null) {
            running.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }

    /** The set is full of proofs still within their age. */
    static final class ReplayCacheFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplayCacheFull() {
            super("The DPoP replay cache is full", null, false, false);
        }
    }
}
