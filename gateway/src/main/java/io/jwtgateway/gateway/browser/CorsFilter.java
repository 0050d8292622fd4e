package io.jwtgateway.gateway.browser;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.RefusalCode;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for every path the gateway serves, its own endpoints included (token, OAuth2, discovery, revocation), from
 * the configuration Spring Cloud Gateway users know: {@code spring.cloud.gateway.server.webflux.globalcors}. Runs
 * ahead of the path firewall, the rate limits and authentication: a preflight from an allowed origin is answered here
 * and goes no further, counted by no limit; one from another origin gets a 403 problem detail ({@code cors_origin}).
 * Every other response to an allowed origin carries its CORS headers, refusals included, and exposes
 * {@code WWW-Authenticate}, {@code X-Request-Id} and {@code DPoP-Nonce} unless the configuration lists its own exposed
 * headers. With no configuration, it does nothing. A route's {@code cors} metadata is Spring Cloud Gateway's to apply, on a path no
 * global pattern covers. Each refusal, preflight or not, is a decision: counted and logged with the outcome
 * {@code cors_origin} under the route {@code cors}, since no route has been looked up yet.
 */
@Component
class CorsFilter implements FrontStep {

    /** The route tag of its decisions: the step that decided, since the request's route is not known yet. */
    static final String ROUTE = "cors";

    private final CorsPolicies policies;
    private final AuthDecisions decisions;
    private final RefusalWriter refusals;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsFilter(CorsPolicies policies, AuthDecisions decisions, RefusalWriter refusals) {
        this.policies = policies;
        this.decisions = decisions;
        this.refusals = refusals;
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return policies.configured() && CorsUtils.isCorsRequest(exchange.getRequest());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration configuration = policies.forRequest(exchange);
        if (configuration == null) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {             // no CORS headers: the browser refuses too
            return refuse(exchange);
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest())
                ? exchange.getResponse().setComplete()                  // answered: nothing after it sees a preflight
                : chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        decisions.record(exchange, ROUTE, AuthOutcome.CORS_ORIGIN);
        return refusals.write(exchange, HttpStatus.FORBIDDEN, "This origin may not call this path",
                RefusalCode.CORS_ORIGIN);
    }

    @Override
    public int getOrder() {
        return FilterOrder.CORS;
    }
}
