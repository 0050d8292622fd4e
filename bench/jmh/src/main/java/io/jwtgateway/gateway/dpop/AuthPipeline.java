package io.jwtgateway.gateway.dpop;

import java.time.Clock;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Authenticators;
import io.jwtgateway.gateway.clients.ClientRegistries;
import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
import io.jwtgateway.gateway.config.BenchDpopProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.Observers;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.refusal.Refusals;
import io.jwtgateway.gateway.revocation.RevocationChecks;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.token.Tokens;
import io.jwtgateway.gateway.verify.SigningKeys;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.Verifiers;

/**
 * The authentication pipeline wired by hand as the gateway wires it by default: HS256 tokens with the verified-token
 * cache on, an empty in-memory revoked set, a client registry holding the tokens' client, DPoP proofs remembered in
 * memory and no nonces. Proofs may be up to
 * {@value #PROOF_MAX_AGE} old, so those signed in a trial's setup stay acceptable for the whole trial.
 */
final class AuthPipeline {

    static final String PROOF_MAX_AGE = "30m";

    final Clock clock = Clock.systemUTC();
    final AuthProperties auth = BenchAuthProperties.of("HS256");
    final SigningKeys keys = Verifiers.signingKeys(auth);

    private final DpopProperties dpop = BenchDpopProperties.of("proof-max-age=" + PROOF_MAX_AGE);
    private final TokenVerifier verifier = Verifiers.verifier(keys, auth, clock);
    private final Revocations revocations = RevocationChecks.inMemory(auth, clock);
    private final EndedTokens endedTokens = ClientRegistries.endedTokens(auth, clock, 0, Tokens.OWNER);
    private final AuthDecisions decisions = Observers.decisions();
    private final RefusalWriter refusals = Refusals.writer(auth, dpop);
    private final ProofVerifier proofVerifier = new ProofVerifier(dpop, auth, clock);
    private final ProofTarget target = new ProofTarget(dpop);

    /** The DPoP checks, with a new, empty replay cache of {@code replay.max-entries} that is never swept. */
    DpopProofs proofs() {
        return new DpopProofs(proofVerifier, target, new MemoryReplayCache(dpop.replay().maxEntries(), clock), null,
                dpop);
    }

    /** The pipeline whose key binding checks with {@code proofs}; the rest is shared, the token cache included. */
    Authenticator authenticator(DpopProofs proofs) {
        return Authenticators.of(verifier, revocations, endedTokens, decisions, refusals, proofs);
    }
}
