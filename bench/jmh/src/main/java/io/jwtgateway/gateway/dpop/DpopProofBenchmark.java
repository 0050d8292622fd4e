package io.jwtgateway.gateway.dpop;

import static io.jwtgateway.gateway.dpop.ResourceRequests.URL;

import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credential;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.token.Tokens;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.web.server.ServerWebExchange;

/**
 * The resource side of DPoP (RFC 9449 §7.1) for one request, without a network, per proof algorithm: {@code ES256}
 * (P-256) or {@code EdDSA} (Ed25519). {@code proof} is {@link DpopProofs#verify} alone: form, JJWT parse with the key
 * of the proof's own header, signature, {@code typ}, {@code alg}, {@code htm}, {@code htu}, {@code iat}, {@code ath},
 * the bound key, and last the replay cache. {@code dpopRequest} is all of {@link Authenticator#admit} for a token sent
 * as {@code Authorization: DPoP} and bound to the proof's key; {@code bearerRequest}, the baseline, the same for an
 * unbound bearer token, whose key binding costs one header lookup. Tokens are HS256 and the verified-token cache
 * answers for them after the first call, so the difference between the two is the proof. Each call builds a fresh
 * exchange; {@code exchangeOnly} measures that alone, to subtract.
 *
 * <p>Every proof is used once: a refusal (a replay, a stale proof) throws from {@code block()} and fails the
 * benchmark, so none is ever measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DpopProofBenchmark {

    /**
     * Proofs signed in setup, each with its own {@code jti}; once all are used, the next call starts a new, empty
     * replay cache, as if they had aged out, and takes them again in turn. The cache so holds at most this many
     * proofs, not the half million it may in the gateway: a lookup in a larger map is lost beside a signature.
     */
    static final int POOL_SIZE = 4096;

    @Benchmark
    public ServerWebExchange proof(Proofs state) {
        ServerWebExchange exchange = state.requests.get(state.authorization, state.nextProof());
        state.proofs.verify(exchange, state.token, state.thumbprint).block();
        return exchange;
    }

    @Benchmark
    public VerifiedToken dpopRequest(Proofs state) {
        ServerWebExchange exchange = state.requests.get(state.authorization, state.nextProof());
        return state.authenticator.admit(new Credential(exchange, state.token, true), Requirement.AUTHENTICATED)
                .block();
    }

    @Benchmark
    public VerifiedToken bearerRequest(Bearer state) {
        return state.admit();
    }

    @Benchmark
    public ServerWebExchange exchangeOnly(Bearer state) {
        return state.requests.get(state.authorization, null);
    }

    /** A client's key, a token bound to it, and its proofs; per thread, so that no two threads share a proof. */
    @State(Scope.Thread)
    public static class Proofs {

        @Param({"ES256", "EdDSA"})
        public String alg;

        final AuthPipeline pipeline = new AuthPipeline();
        final ResourceRequests requests = new ResourceRequests();
        String thumbprint;
        String token;
        String authorization;
        DpopProofs proofs;
        Authenticator authenticator;

        private final String[] pool = new String[POOL_SIZE];
        private int next;

        /** Signing the pool takes a few seconds; it happens once per trial, outside the measurement. */
        @Setup
        public void setUp() {
            ProofSigner client = new ProofSigner(alg, pipeline.clock);
            thumbprint = client.thumbprint();
            token = Tokens.boundTo(thumbprint, pipeline.keys, pipeline.auth, pipeline.clock);
            authorization = "DPoP " + token;
            for (int i = 0; i < POOL_SIZE; i++) {
                pool[i] = client.proof("GET", URL, token);
            }
            renew();
            requireAcceptedOnce(client.proof("GET", URL, token));
            requireAdmitted(client.proof("GET", URL, token));
            renew();
        }

        String nextProof() {
            if (next == pool.length) {
                renew();
            }
            return pool[next++];
        }

        private void renew() {
            proofs = pipeline.proofs();
            authenticator = pipeline.authenticator(proofs);
            next = 0;
        }

        private void requireAcceptedOnce(String proof) {
            proofs.verify(requests.get(authorization, proof), token, thumbprint).block();
            try {
                proofs.verify(requests.get(authorization, proof), token, thumbprint).block();
            } catch (AuthException refused) {
                if (refused.error().outcome() == AuthOutcome.DPOP_REPLAYED) {
                    return;
                }
                throw new IllegalStateException("the replay was refused as " + refused.error().outcome());
            }
            throw new IllegalStateException("a replayed proof was accepted");
        }

        private void requireAdmitted(String proof) {
            Credential credential = new Credential(requests.get(authorization, proof), token, true);
            VerifiedToken admitted = authenticator.admit(credential, Requirement.AUTHENTICATED).block();
            if (admitted == null || !thumbprint.equals(admitted.keyBinding())) {
                throw new IllegalStateException("the bound token was not admitted with its proof");
            }
        }
    }

    /** An unbound token, sent as {@code Authorization: Bearer} without a proof. */
    @State(Scope.Benchmark)
    public static class Bearer {

        final AuthPipeline pipeline = new AuthPipeline();
        final ResourceRequests requests = new ResourceRequests();
        String token;
        String authorization;
        Authenticator authenticator;

        @Setup
        public void setUp() {
            authenticator = pipeline.authenticator(pipeline.proofs());
            token = Tokens.issuing(pipeline.keys, pipeline.auth, pipeline.clock).get();
            authorization = "Bearer " + token;
            VerifiedToken first = admit();
            if (first == null || first.keyBinding() != null || admit() != first) {
                throw new IllegalStateException("the bearer token was not admitted from the verified-token cache");
            }
        }

        VerifiedToken admit() {
            Credential credential = new Credential(requests.get(authorization, null), token, false);
            return authenticator.admit(credential, Requirement.AUTHENTICATED).block();
        }
    }
}
