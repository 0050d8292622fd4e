package io.jwtgateway.gateway.authn;

import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a verified token was presented the way its binding asks (RFC 9449 §7): a token bound to a DPoP key only as
 * {@code Authorization: DPoP} with a proof signed by that key; a bearer token only without a proof, and not where
 * the route ({@code dpop: required}) or {@code gateway.auth.dpop.required} asks for bound tokens. The bearer path
 * costs one header lookup.
 */
@Component
class KeyBinding {

    private final DpopProofs proofs;

    KeyBinding(DpopProofs proofs) {
        this.proofs = proofs;
    }

    Mono<VerifiedToken> check(Credential credential, VerifiedToken token, Requirement requirement) {
        String boundKey = token.keyBinding();
        if (credential.dpop()) {
            return boundKey == null
                    ? AuthError.unboundToken("The token is not bound to a DPoP key: send it as a Bearer token").reject()
                    : proofs.verify(credential.exchange(), credential.token(), boundKey).thenReturn(token);
        }
        if (boundKey != null) {
            return AuthError.boundTokenAsBearer().reject();      // no downgrade to Bearer (RFC 9449 §7.2)
        }
        if (proofs.hasProof(credential.exchange().getRequest())) {
            return AuthError.invalidDpopProof(AuthOutcome.DPOP_UNBOUND,
                    "A DPoP proof goes with Authorization: DPoP and a token bound to its key").reject();
        }
        if (requirement.dpop() || proofs.required()) {
            return AuthError.unboundToken("A token bound to a DPoP key is required").reject();
        }
        return Mono.just(token);
    }
}
