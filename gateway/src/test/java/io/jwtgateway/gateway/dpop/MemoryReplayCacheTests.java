package io.jwtgateway.gateway.dpop;

import java.time.Duration;
import java.time.Instant;

import io.jwtgateway.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class MemoryReplayCacheTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final MemoryReplayCache cache = new MemoryReplayCache(1000, clock);

    @Test
    void firstUseWhenSameProofTwiceThenTrueThenFalse() {
        ProofId proof = ProofId.of("thumbprint", "jti-1");
        Instant until = clock.instant().plusSeconds(90);

        StepVerifier.create(cache.firstUse(proof, until)).expectNext(true).verifyComplete();
        StepVerifier.create(cache.firstUse(proof, until)).expectNext(false).verifyComplete();
        StepVerifier.create(cache.firstUse(ProofId.of("another-thumbprint", "jti-1"), until))
                .expectNext(true).verifyComplete();
    }

    @Test
    void firstUseWhenFullOfLiveProofsThenFailsRatherThanForgetOneAndSweepFreesExpiredOnes() {
        Instant until = clock.instant().plusSeconds(90);
        for (int i = 0; i < 1000; i++) {
            cache.firstUse(ProofId.of("thumbprint", "jti-" + i), until).block();
        }

        StepVerifier.create(cache.firstUse(ProofId.of("thumbprint", "one-more"), until))
                .verifyError(MemoryReplayCache.ReplayCacheFull.class);
        cache.sweep();
        StepVerifier.create(cache.firstUse(ProofId.of("thumbprint", "jti-0"), until)).verifyError();

        clock.advance(Duration.ofSeconds(92));
        cache.sweep();
        StepVerifier.create(cache.firstUse(ProofId.of("thumbprint", "one-more"), until.plusSeconds(90)))
                .expectNext(true).verifyComplete();
    }
}
