package io.jwtgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MemoryTokenBucketsTests {

    static final RatePolicy POLICY = new RatePolicy("route:test", 2, 5);

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final AtomicLong tickerNanos = new AtomicLong();
    final MemoryTokenBuckets buckets = new MemoryTokenBuckets(clock, tickerNanos::get, 1_000);

    @Test
    void takeWhenBurstSpentThenRefusedWithNothingRemaining() {
        for (int remaining = 4; remaining >= 0; remaining--) {
            assertThat(take("alice")).isEqualTo(new Decision(true, remaining));
        }

        assertThat(take("alice")).isEqualTo(new Decision(false, 0));
        assertThat(take("alice")).isEqualTo(new Decision(false, 0));
    }

    @Test
    void takeWhenLessThanOneSecondPassesThenStillRefused() {
        spend("alice", 5);
        clock.advance(Duration.ofMillis(999));

        assertThat(take("alice").allowed()).isFalse();
    }

    @Test
    void takeWhenOneSecondPassesThenReplenishRateTokensReturn() {
        spend("alice", 5);
        clock.advance(Duration.ofSeconds(1));

        assertThat(take("alice")).isEqualTo(new Decision(true, 1));
        assertThat(take("alice")).isEqualTo(new Decision(true, 0));
        assertThat(take("alice").allowed()).isFalse();
    }

    @Test
    void takeWhenSecondBoundaryCrossedThenReplenishedEvenIfLessThanSecondElapsed() {
        clock.advance(Duration.ofMillis(900));
        spend("alice", 5);
        clock.advance(Duration.ofMillis(200));                       // a new whole second, as Redis TIME counts

        assertThat(take("alice")).isEqualTo(new Decision(true, 1));
    }

    @Test
    void takeWhenLongIdleThenRefilledOnlyUpToBurstCapacity() {
        spend("alice", 5);
        clock.advance(Duration.ofDays(400));

        assertThat(take("alice")).isEqualTo(new Decision(true, 4));
    }

    @Test
    void takeWhenSustainedAtReplenishRateThenAlwaysAllowed() {
        spend("alice", 5);
        for (int second = 0; second < 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(take("alice").allowed()).isTrue();
            assertThat(take("alice").allowed()).isTrue();
            assertThat(take("alice").allowed()).isFalse();
        }
    }

    @Test
    void takeWhenCallersDifferThenSeparateBuckets() {
        spend("alice", 5);

        assertThat(take("bob")).isEqualTo(new Decision(true, 4));
        assertThat(take("alice").allowed()).isFalse();
    }

    @Test
    void takeWhenPoliciesDifferThenSeparateBucketsForTheSameCaller() {
        spend("alice", 5);

        Decision other = buckets.take(new RatePolicy("route:other", 1, 3), "alice").block();

        assertThat(other).isEqualTo(new Decision(true, 2));
    }

    @Test
    void takeWhenClockGoesBackThenNothingIsAddedOrLost() {
        spend("alice", 3);
        clock.advance(Duration.ofSeconds(-30));

        assertThat(take("alice")).isEqualTo(new Decision(true, 1));
    }

    @Test
    void sizeWhenBucketsIdleLongerThanTwiceFillTimeThenEvicted() {
        take("alice");
        take("bob");
        assertThat(buckets.size()).isEqualTo(2);

        tickerNanos.addAndGet(Duration.ofSeconds(POLICY.idleSeconds() + 1).toNanos());

        assertThat(buckets.size()).isZero();
    }

    @Test
    void sizeWhenMoreCallersThanMaximumThenBounded() {
        for (int i = 0; i < 5_000; i++) {
            take("caller-" + i);
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(1_000);
    }

    private Decision take(String caller) {
        return buckets.take(POLICY, caller).block();
    }

    private void spend(String caller, int tokens) {
        for (int i = 0; i < tokens; i++) {
            assertThat(take(caller).allowed()).isTrue();
        }
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
