package io.jwtgateway.gateway.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Watches the tokens of open connections and says when each one ends: at its {@code exp} plus the clock skew the
 * verifier allows, or when it is revoked, or ended by its client ({@link EndedTokens}: the client disabled or deleted,
 * its key revoked). One tick every {@value #TICK_MILLIS} ms checks every watched token against the clock, this
 * replica's revoked set and its client registry, which every replica's changes reach at once (through Redis with
 * {@code store=redis}): no timer per connection and no network call. A connection is so ended within a tick of its
 * token's end. Ended connections are counted in {@code gateway_streams_ended_total{kind, reason}}.
 */
@Component
class TokenWatch implements SmartLifecycle {

    static final long TICK_MILLIS = 100;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Revocations revocations;
    private final EndedTokens endedTokens;
    private final Clock clock;
    private final Duration clockSkew;
    private final MeterRegistry registry;
    private volatile @Nullable Disposable ticking;

    TokenWatch(Revocations revocations, EndedTokens endedTokens, Clock clock, AuthProperties properties,
            MeterRegistry registry) {
        this.revocations = revocations;
        this.endedTokens = endedTokens;
        this.clock = clock;
        this.clockSkew = properties.clockSkew();
        this.registry = registry;
        Gauge.builder("gateway.streams.open", watched, Set::size)
                .description("Open WebSockets and event streams watched for the end of their token")
                .register(registry);
    }

    /** Emits once, when the token expires or is revoked; cancelling it stops the watch. */
    Mono<TokenEnd> end(VerifiedToken token) {
        long deadline = token.expiresAt().plus(clockSkew).toEpochMilli();
        return Mono.create(sink -> {
            Watched entry = new Watched(token, deadline, sink);
            watched.add(entry);
            sink.onDispose(() -> watched.remove(entry));
        });
    }

    /** Counts a connection the gateway ended, by kind ({@code websocket}, {@code event_stream}) and reason. */
    void ended(String kind, TokenEnd end) {
        Counter.builder("gateway.streams.ended")
                .description("WebSockets and event streams the gateway ended because their token did")
                .tag("kind", kind)
                .tag("reason", end.tag())
                .register(registry)
                .increment();
    }

    private void tick() {
        if (watched.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (Watched entry : watched) {
            if (now >= entry.deadline()) {
                end(entry, TokenEnd.EXPIRED);
            } else if (revocations.isRevoked(entry.token()) || endedTokens.isEnded(entry.token())) {
                end(entry, TokenEnd.REVOKED);
            }
        }
    }

    private void end(Watched entry, TokenEnd end) {
        if (watched.remove(entry)) {
            entry.sink().success(end);
        }
    }

    @Override
    public void start() {
        ticking = Flux.interval(Duration.ofMillis(TICK_MILLIS))
                .onBackpressureDrop()
                .subscribe(tick -> tick());
    }

    @Override
    public void stop() {
        Disposable running = ticking;
        if (running != null) {
            running.dispose();
            ticking = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticking != null;
    }

    private record Watched(VerifiedToken token, long deadline, MonoSink<TokenEnd> sink) {

        @Override
        public boolean equals(Object other) {                   // identity: two connections may share a token
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Watched[deadline=" + deadline + "]";
        }
    }
}
