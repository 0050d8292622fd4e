package io.jwtgateway.gateway.token;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.clients.KeyCheck;
import io.jwtgateway.gateway.clients.KeyUses;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.Grant;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The RFC 8693 token exchange grant at {@code /oauth2/token}: a service calling another on a user's behalf trades the
 * user's token (the subject token) for one addressed to the other service ({@code audience}, or a {@code resource}
 * URL its routes serve: {@link ResourceTargets}), its scopes at most the subject token's, living no longer than it,
 * with an {@code act} claim naming the calling client. The client
 * authenticates as for client credentials, and may exchange for the services its {@code token_exchange_audiences}
 * (or {@code exchange-audiences}) name. The subject token is checked as on a route: verified, not revoked, not ended
 * by its client. An {@code actor_token} is checked the same way and must be the calling client's own. Not supported,
 * and refused as such: a requested token type other than an access token.
 */
@Component
class TokenExchangeGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String SUBJECT_TOKEN = "subject_token";
    static final String SUBJECT_TOKEN_TYPE = "subject_token_type";
    static final String AUDIENCE = "audience";
    static final String RESOURCE = "resource";
    static final String ACTOR_TOKEN = "actor_token";
    static final String ACTOR_TOKEN_TYPE = "actor_token_type";
    static final String REQUESTED_TOKEN_TYPE = "requested_token_type";

    private static final Set<String> SUBJECT_TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE);

    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final EndedTokens endedTokens;
    private final TokenIssuer issuer;
    private final DpopProofs proofs;
    private final KeyUses uses;
    private final AuthDecisions decisions;
    private final ExchangeMetrics metrics;
    private final Set<String> services;
    private final ResourceTargets resources;

    TokenExchangeGrant(TokenVerifier verifier, Revocations revocations, EndedTokens endedTokens, TokenIssuer issuer,
            DpopProofs proofs, KeyUses uses, AuthDecisions decisions, ExchangeMetrics metrics,
            ServicesProperties services, ResourceTargets resources) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.endedTokens = endedTokens;
        this.issuer = issuer;
        this.proofs = proofs;
        this.uses = uses;
        this.decisions = decisions;
        this.metrics = metrics;
        this.services = services.names();
        this.resources = resources;
    }

    /**
     * The exchanged token for a client that authenticated ({@code check} is accepted, or refused for want of the
     * client credentials grant alone). The request's form is judged before the subject token is verified, so a
     * client that may not exchange costs no signature check; every outcome is counted.
     */
    Mono<ExchangeResponse> grant(ServerWebExchange exchange, KeyCheck check, FormParameters form) {
        return Mono.defer(() -> exchangeFor(exchange, check, form))
                .doOnNext(issued -> metrics.issued())
                .doOnError(AuthException.class, refused -> metrics.refused(refused.error()));
    }

    private Mono<ExchangeResponse> exchangeFor(ServerWebExchange exchange, KeyCheck check, FormParameters form) {
        if (!(check instanceof KeyCheck.Accepted caller)
                || caller.client().metadata().exchangeAudiences().isEmpty()) {
            return AuthError.exchangeNotAllowed().reject();
        }
        Optional<AuthError> malformed = malformed(form);
        if (malformed.isPresent()) {
            return malformed.get().reject();
        }
        Optional<String> target = target(form);
        if (target.isEmpty()) {
            return AuthError.invalidTarget("resource must be a URL of this gateway served by one service's routes, "
                    + "and the service audience names if both are sent").reject();
        }
        String service = target.get();
        if (!services.contains(service) || !caller.client().metadata().mayExchangeFor(service)) {
            return AuthError.invalidTarget("this client may not exchange tokens for that audience").reject();
        }
        String requestedScope = form.get(ClientCredentialsEndpoint.SCOPE).orElse(null);
        return subjectToken(form.get(SUBJECT_TOKEN).orElseThrow())
                .flatMap(subject -> actorIsCaller(form, caller.client()).thenReturn(subject))
                .flatMap(subject -> RequestedScope.grant(requestedScope, subject.scopes())
                        .map(scopes -> bind(exchange, caller, subject, service, scopes))
                        .orElseGet(() -> AuthError.scopeBeyondSubject().reject()));
    }

    /**
     * The service the token is for (RFC 8693 §2.1): {@code audience} names it, {@code resource} names a URL its
     * routes serve; with both, they must name the same service. Empty when the resource names none, or another.
     */
    private Optional<String> target(FormParameters form) {
        Optional<String> audience = form.get(AUDIENCE);
        Optional<String> resource = form.get(RESOURCE);
        if (resource.isEmpty()) {
            return audience;
        }
        return resource.flatMap(resources::serviceOf)
                .filter(service -> audience.isEmpty() || audience.get().equals(service));
    }

    /** What is wrong with the request's parameters, the target's permission aside (RFC 8693 §2.1). */
    private static Optional<AuthError> malformed(FormParameters form) {
        if (form.get(SUBJECT_TOKEN).isEmpty()) {
            return Optional.of(AuthError.invalidRequest("The subject_token parameter is required"));
        }
        if (!form.get(SUBJECT_TOKEN_TYPE).filter(SUBJECT_TOKEN_TYPES::contains).isPresent()) {
            return Optional.of(AuthError.invalidRequest("subject_token_type must be " + ACCESS_TOKEN_TYPE + " or "
                    + JWT_TOKEN_TYPE));
        }
        if (form.get(ACTOR_TOKEN).isPresent() != form.get(ACTOR_TOKEN_TYPE).isPresent()) {
            return Optional.of(AuthError.invalidRequest("actor_token and actor_token_type go together"));
        }
        if (form.get(ACTOR_TOKEN_TYPE).filter(type -> !SUBJECT_TOKEN_TYPES.contains(type)).isPresent()) {
            return Optional.of(AuthError.invalidRequest("actor_token_type must be " + ACCESS_TOKEN_TYPE + " or "
                    + JWT_TOKEN_TYPE));
        }
        if (form.get(REQUESTED_TOKEN_TYPE).filter(type -> !ACCESS_TOKEN_TYPE.equals(type)).isPresent()) {
            return Optional.of(AuthError.invalidRequest("requested_token_type must be " + ACCESS_TOKEN_TYPE));
        }
        if (form.get(AUDIENCE).isEmpty() && form.get(RESOURCE).isEmpty()) {
            return Optional.of(AuthError.invalidRequest("The audience or resource parameter is required: the service "
                    + "the token is for"));
        }
        return Optional.empty();
    }

    /**
     * The subject token, checked in the order of a route's ({@code authn.Authenticator#admit}): verified, then not
     * revoked, then not ended by its client. A refusal of the token is {@code invalid_grant}; a revoked set that
     * cannot answer stays a 503.
     */
    private Mono<VerifiedToken> subjectToken(String token) {
        return verifier.verify(token)
                .flatMap(revocations::requireActive)
                .flatMap(endedTokens::requireCurrent)
                .onErrorMap(AuthException.class, TokenExchangeGrant::asInvalidGrant);
    }

    /**
     * The actor token, when sent, checked as the subject token is, and then only the calling client's own: its
     * {@code sub} or {@code client_id} is the client's id. The authenticated client is the actor the issued token's
     * {@code act} names, so an actor token only confirms it; one of another party is refused rather than letting a
     * client name an actor it has not authenticated as. Any refusal is {@code invalid_request} (RFC 8693 §2.2.2).
     */
    private Mono<Void> actorIsCaller(FormParameters form, Client caller) {
        Optional<String> token = form.get(ACTOR_TOKEN);
        if (token.isEmpty()) {
            return Mono.empty();
        }
        return verifier.verify(token.get())
                .flatMap(revocations::requireActive)
                .flatMap(endedTokens::requireCurrent)
                .onErrorMap(AuthException.class, TokenExchangeGrant::asInvalidActor)
                .filter(actor -> isCaller(actor, caller))
                .switchIfEmpty(Mono.defer(() -> AuthError.actorNotCaller().reject()))
                .then();
    }

    private static boolean isCaller(VerifiedToken actor, Client caller) {
        return caller.clientId().equals(actor.subject()) || caller.clientId().equals(actor.clientId());
    }

    private static AuthException asInvalidActor(AuthException refused) {
        return refused.error().status() == HttpStatus.UNAUTHORIZED
                ? new AuthException(refused.error().asInvalidActor())
                : refused;
    }

    private static AuthException asInvalidGrant(AuthException refused) {
        return refused.error().status() == HttpStatus.UNAUTHORIZED
                ? new AuthException(refused.error().asInvalidGrant())
                : refused;
    }

    /** Bound to the proof's key when the request has a DPoP proof (RFC 9449 §5), as at the client credentials grant. */
    private Mono<ExchangeResponse> bind(ServerWebExchange exchange, KeyCheck.Accepted caller, VerifiedToken subject,
            String service, List<String> scopes) {
        return proofs.keyToBind(exchange)
                .flatMap(dpopKey -> issue(exchange, caller, subject, service, scopes, dpopKey))
                .switchIfEmpty(Mono.defer(() -> caller.client().metadata().dpopBound()
                        ? AuthError.dpopProofRequired().reject()
                        : issue(exchange, caller, subject, service, scopes, null)));
    }

    private Mono<ExchangeResponse> issue(ServerWebExchange exchange, KeyCheck.Accepted caller, VerifiedToken subject,
            String service, List<String> scopes, @Nullable String dpopKey) {
        Client client = caller.client();
        Optional<IssuedToken> issued = issuer.exchange(subject, client, caller.key(), service, scopes, dpopKey);
        if (issued.isEmpty()) {
            return AuthError.expiredToken().asInvalidGrant().reject();
        }
        uses.used(client, caller.key());
        decisions.issued(exchange, ClientCredentialsEndpoint.PATH, Grant.TOKEN_EXCHANGE, subject.subject(),
                client.clientId());
        return Mono.just(ExchangeResponse.of(issued.get(), scopes));
    }
}
