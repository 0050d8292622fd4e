package io.jwtgateway.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credentials;
import io.jwtgateway.gateway.authn.QueryToken;
import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.policy.RoutePolicies;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's one authentication step, on every route: strip client-sent identity headers, decide by the route's
 * policy through the {@link Authenticator}, and only then leave the verified token on the exchange, for
 * {@link ClaimHeaders} to forward its claims. A refusal never reaches the backend. Every decision, its outcome and the
 * verified subject are reported to {@link AuthDecisions}.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

    private final ClaimHeaders claimHeaders;
    private final RoutePolicies policies;
    private final Credentials credentials;
    private final Authenticator authenticator;
    private final AuthDecisions decisions;

    AuthenticationFilter(ClaimHeaders claimHeaders, RoutePolicies policies, Credentials credentials,
            Authenticator authenticator, AuthDecisions decisions) {
        this.claimHeaders = claimHeaders;
        this.policies = policies;
        this.credentials = credentials;
        this.authenticator = authenticator;
        this.decisions = decisions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerWebExchange clean = claimHeaders.strip(exchange);
        Requirement requirement = policies.requirementFor(clean);
        String route = routeId(clean);
        if (requirement.isPublic()) {
            decisions.record(clean, route, AuthOutcome.PUBLIC);
            return chain.filter(QueryToken.strip(clean));      // a query token reaches no backend, public or not
        }
        return credentials.find(clean)                          // Authorization header, else the JSON body
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()))
                .flatMap(credential -> authenticator.admit(credential, requirement)
                        .flatMap(token -> forward(credential.exchange(), route, token, chain)))
                .onErrorResume(AuthException.class, ex -> authenticator.refuse(clean, route, ex.error()));
    }

    private Mono<Void> forward(ServerWebExchange exchange, String route, VerifiedToken token,
            GatewayFilterChain chain) {
        authenticator.admitted(exchange, route);
        exchange.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, token);    // rate limiting; ClaimHeaders
        return chain.filter(exchange);
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
