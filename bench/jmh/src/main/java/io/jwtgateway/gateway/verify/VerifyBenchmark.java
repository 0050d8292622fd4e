package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
import io.jwtgateway.gateway.token.Tokens;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TokenVerifier#verify} of a token the gateway issued, per signing algorithm: size and form checks, the cache,
 * the signature, the claim rules. {@code oneToken} verifies the same token again and again, so with the cache on it
 * measures a hit; {@code distinctTokens} cycles through more tokens than the cache holds, so the cache is on but
 * cannot help, as with many clients each presenting a token once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyBenchmark {

    /**
     * Far more tokens than the cache holds. Under a cyclic scan Caffeine's W-TinyLFU admission keeps a fixed subset
     * of about {@code CACHE_SIZE} tokens, which then hit on every round, so the hit rate is at most about
     * {@code CACHE_SIZE / POOL_SIZE}: 1.6% here. The {@code cacheHits} counter shows the real figure.
     */
    static final int POOL_SIZE = 4096;
    static final int CACHE_SIZE = 64;

    @Benchmark
    public VerifiedToken oneToken(OneToken state) {
        return state.verifier.verify(state.token).block();
    }

    @Benchmark
    public VerifiedToken distinctTokens(DistinctTokens state, CacheOutcomes outcomes) {
        int slot = outcomes.nextSlot();
        VerifiedToken verified = state.verifier.verify(state.tokens[slot]).block();
        outcomes.record(slot, verified);
        return verified;
    }

    @State(Scope.Benchmark)
    public static class OneToken {

        @Param({"HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"})
        public String alg;

        @Param({"true", "false"})
        public boolean cache;

        TokenVerifier verifier;
        String token;

        @Setup
        public void setUp() {
            AuthProperties properties = BenchAuthProperties.of(alg, "cache.enabled=" + cache);
            Clock clock = Clock.systemUTC();
            SigningKeys keys = Verifiers.signingKeys(properties);
            verifier = Verifiers.verifier(keys, properties, clock);
            token = Tokens.issuing(keys, properties, clock).get();
        }
    }

    @State(Scope.Benchmark)
    public static class DistinctTokens {

        @Param({"HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"})
        public String alg;

        TokenVerifier verifier;
        String[] tokens;

        /** Signing 4096 RSA tokens takes a few seconds; it happens once per trial, outside the measurement. */
        @Setup
        public void setUp() {
            AuthProperties properties = BenchAuthProperties.of(alg, "cache.max-size=" + CACHE_SIZE);
            Clock clock = Clock.systemUTC();
            SigningKeys keys = Verifiers.signingKeys(properties);
            verifier = Verifiers.verifier(keys, properties, clock);
            Supplier<String> issuing = Tokens.issuing(keys, properties, clock);
            tokens = new String[POOL_SIZE];
            for (int i = 0; i < POOL_SIZE; i++) {
                tokens[i] = issuing.get();
            }
        }
    }

    /**
     * Which token comes next, and how often the cache answered: a hit returns the very instance the previous
     * verification of that token returned. JMH prints the counts next to the score, so a run shows the cache really
     * missed.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CacheOutcomes {

        public long cacheHits;
        public long cacheMisses;

        private final VerifiedToken[] previous = new VerifiedToken[POOL_SIZE];
        private int next = ThreadLocalRandom.current().nextInt(POOL_SIZE);   // threads start apart

        @Setup(Level.Iteration)
        public void reset() {
            cacheHits = 0;
            cacheMisses = 0;
        }

        int nextSlot() {
            int slot = next;
            next = (slot + 1) % POOL_SIZE;
            return slot;
        }

        void record(int slot, VerifiedToken verified) {
            if (verified == previous[slot]) {
                cacheHits++;
            } else {
                cacheMisses++;
            }
            previous[slot] = verified;
        }
    }
}
