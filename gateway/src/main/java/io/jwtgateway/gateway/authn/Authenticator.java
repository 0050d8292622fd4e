package io.jwtgateway.gateway.authn;

import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one authentication pipeline, for the routes, the operator endpoints and the gateway's own endpoints alike:
 * credentials → verify → active (not revoked, nor ended by its client: {@link EndedTokens}) → bound as presented
 * ({@link KeyBinding}) → admit. A refusal travels as an
 * {@link AuthException} to the caller's edge, which hands it to {@link #refuse}. Decisions are reported to
 * {@link AuthDecisions} under the route or endpoint that made them.
 */
@Component
public class Authenticator {

    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final EndedTokens endedTokens;
    private final AuthDecisions decisions;
    private final RefusalWriter refusals;
    private final KeyBinding keyBinding;

    Authenticator(TokenVerifier verifier, Revocations revocations, EndedTokens endedTokens, AuthDecisions decisions,
            RefusalWriter refusals, KeyBinding keyBinding) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.endedTokens = endedTokens;
        this.decisions = decisions;
        this.refusals = refusals;
        this.keyBinding = keyBinding;
    }

    /**
     * The credential's token when it is valid, not revoked and holds what {@code requirement} asks; else a refusal.
     * An absent credential is {@code missingToken}, with a challenge that names no error (RFC 6750 §3.1).
     */
    public Mono<VerifiedToken> authenticate(Mono<Credential> credential, Requirement requirement) {
        return credential
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()))
                .flatMap(found -> admit(found, requirement));
    }

    /** {@link #authenticate} for a credential already found. */
    public Mono<VerifiedToken> admit(Credential credential, Requirement requirement) {
        return verifier.verify(credential.token())
                .doOnNext(token -> identify(credential.exchange(), token))
                .flatMap(revocations::requireActive)            // after the cache: a revoked token never passes
                .flatMap(endedTokens::requireCurrent)           // nor one its client's disabling or key revocation ended
                .flatMap(token -> keyBinding.check(credential, token, requirement))     // a proof for a bound token
                .flatMap(requirement::admit);                   // insufficient_scope when a role or scope is missing
    }

    /** Counts an admitted request under its route or endpoint. */
    public void admitted(ServerWebExchange exchange, String route) {
        decisions.record(exchange, route, AuthOutcome.ALLOWED);
    }

    /** Counts the refusal under its route or endpoint and writes it. */
    public Mono<Void> refuse(ServerWebExchange exchange, String route, AuthError error) {
        decisions.record(exchange, route, error.outcome());
        return refusals.write(exchange, error);
    }

    /** {@link #refuse} as a functional endpoint's response. */
    public Mono<ServerResponse> refusal(ServerWebExchange exchange, String route, AuthError error) {
        decisions.record(exchange, route, error.outcome());
        return refusals.response(error);
    }

    /** The subject is known from here on, so the access log names who was refused as revoked or forbidden. */
    private void identify(ServerWebExchange exchange, VerifiedToken token) {
        decisions.identify(exchange, token.subject());
    }
}
