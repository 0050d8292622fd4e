package io.jwtgateway.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.ProblemWriter;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.policy.RoutePolicies;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.AuthError;
import io.jwtgateway.gateway.verify.AuthException;
import io.jwtgateway.gateway.verify.AuthOutcome;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one authentication step, on every route: strip client-sent identity headers, decide by the route's
 * policy, and only then leave the verified token on the exchange, for {@link ClaimHeaders} to forward its claims. A
 * refusal never reaches the backend. Every decision, its outcome
 * and the verified subject are reported to {@link AuthDecisions}.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {


    private final ClaimHeaders claimHeaders;
    private final RoutePolicies policies;
    private final Credentials credentials;
    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final ProblemWriter problems;
    private final AuthDecisions decisions;
    private final String realm;

    AuthenticationFilter(ClaimHeaders claimHeaders, RoutePolicies policies, Credentials credentials,
                         TokenVerifier verifier, Revocations revocations, ProblemWriter problems,
                         AuthDecisions decisions, AuthProperties properties) {
        this.claimHeaders = claimHeaders;
        this.policies = policies;
        this.credentials = credentials;
        this.verifier = verifier;
        this.revocations = revocations;
        this.problems = problems;
        this.decisions = decisions;
        this.realm = properties.realm();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerWebExchange clean = claimHeaders.strip(exchange);
        Requirement requirement = policies.requirementFor(clean);
        String route = routeId(clean);
        if (requirement.isPublic()) {
            decisions.record(clean, route, AuthOutcome.PUBLIC);
            return chain.filter(clean);
        }
        return credentials.find(clean)                          // Authorization header, else the JSON body
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()))
                .flatMap(credential -> admit(credential, requirement, route, chain))
                .onErrorResume(AuthException.class, ex -> refuse(clean, route, ex.error()));
    }

    private Mono<Void> admit(Credential credential, Requirement requirement, String route, GatewayFilterChain chain) {
        ServerWebExchange exchange = credential.exchange();
        return verifier.verify(credential.token())
                .flatMap(token -> requireActive(exchange, token))   // after the cache: a revoked token never passes
                .flatMap(requirement::admit)                        // insufficient_scope when a role is missing
                .flatMap(token -> forward(exchange, route, token, chain));
    }

    /** The subject is known from here on, so the access log names who was refused as revoked or forbidden. */
    private Mono<VerifiedToken> requireActive(ServerWebExchange exchange, VerifiedToken token) {
        decisions.identify(exchange, token.subject());
        return revocations.requireActive(token);
    }

    private Mono<Void> forward(ServerWebExchange exchange, String route, VerifiedToken token,
                               GatewayFilterChain chain) {
        decisions.record(exchange, route, AuthOutcome.ALLOWED);
        exchange.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, token);    // rate limiting; ClaimHeaders
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String route, AuthError error) {
        decisions.record(exchange, route, error.outcome());
        if (error.isChallenge()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, error.challenge(realm));
        }
        return problems.write(exchange, error.status(), error.description(), error.code());
    }

    /** The matched route's id; a global filter runs only for a matched route, so the fallback is never expected. */
    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route == null ? "unmatched" : route.getId();
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTHENTICATION;
    }
}
