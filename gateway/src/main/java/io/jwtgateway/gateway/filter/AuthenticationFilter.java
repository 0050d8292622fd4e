package io.jwtgateway.gateway.filter;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.http.ProblemWriter;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.policy.RoutePolicies;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.AuthError;
import io.jwtgateway.gateway.verify.AuthException;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one authentication step, on every route: strip client-sent identity headers, decide by the route's
 * policy, and only then forward the verified claims. A refusal never reaches the backend.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

    /** Ahead of route filters (1, 2, …), load balancing (10150) and routing: identity is settled before any of them. */
    static final int ORDER = -100;

    private final ClaimHeaders claimHeaders;
    private final RoutePolicies policies;
    private final Credentials credentials;
    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final ProblemWriter problems;
    private final String realm;

    AuthenticationFilter(ClaimHeaders claimHeaders, RoutePolicies policies, Credentials credentials,
                         TokenVerifier verifier, Revocations revocations, ProblemWriter problems,
                         AuthProperties properties) {
        this.claimHeaders = claimHeaders;
        this.policies = policies;
        this.credentials = credentials;
        this.verifier = verifier;
        this.revocations = revocations;
        this.problems = problems;
        this.realm = properties.realm();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerWebExchange clean = claimHeaders.strip(exchange);
        Requirement requirement = policies.requirementFor(clean);
        if (requirement.isPublic()) {
            return chain.filter(clean);
        }
        return credentials.find(clean)                          // Authorization header, else the JSON body
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()))
                .flatMap(credential -> admit(credential, requirement, chain))
                .onErrorResume(AuthException.class, ex -> refuse(clean, ex.error()));
    }

    private Mono<Void> admit(Credential credential, Requirement requirement, GatewayFilterChain chain) {
        return verifier.verify(credential.token())
                .flatMap(revocations::requireActive)            // after the cache: a revoked token never passes
                .flatMap(requirement::admit)                    // insufficient_scope when a role is missing
                .flatMap(token -> proceed(credential.exchange(), token, chain));
    }

    /** Forwards the claims, and leaves the token in the exchange for the filters after this one (rate limiting). */
    private Mono<Void> proceed(ServerWebExchange exchange, VerifiedToken token, GatewayFilterChain chain) {
        ServerWebExchange forwarded = claimHeaders.forward(exchange, token);
        forwarded.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, token);
        return chain.filter(forwarded);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, AuthError error) {
        if (error.isChallenge()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, error.challenge(realm));
        }
        return problems.write(exchange, error.status(), error.description(), error.code());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
