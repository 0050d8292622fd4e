package io.jwtgateway.gateway.authn;

import io.jwtgateway.gateway.browser.BrowserOptions;
import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.TokenVerifier;

/**
 * Reaches the package-private constructors of {@link Authenticator}, its {@link KeyBinding} and {@link Credentials},
 * for benchmarks in other packages.
 */
public final class Authenticators {

    private Authenticators() {
    }

    public static Authenticator of(TokenVerifier verifier, Revocations revocations, EndedTokens endedTokens,
            AuthDecisions decisions, RefusalWriter refusals, DpopProofs proofs) {
        return new Authenticator(verifier, revocations, endedTokens, decisions, refusals, new KeyBinding(proofs));
    }

    /** The credentials of the default configuration: no token cookie, no CORS. */
    public static Credentials credentials() {
        return new Credentials(BrowserOptions.noCookie(), BrowserOptions.ownOriginOnly());
    }
}
