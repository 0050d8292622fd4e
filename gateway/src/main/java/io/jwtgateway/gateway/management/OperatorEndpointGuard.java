package io.jwtgateway.gateway.management;

import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credentials;
import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Keeps the operator endpoints on the main port to admin-role tokens: metrics and the like tell an attacker what
 * traffic the gateway sees. Health stays public, and shows a status only. Actuator endpoints are WebFlux handlers,
 * not gateway routes, so the gateway's authentication filter never sees them; this filter does, for every request.
 * Each decision on a guarded path is counted and logged under the actuator's base path as its route (a fixed path,
 * as the gateway's own endpoints use theirs): {@code /actuator}, or {@code /} when the endpoints sit at the root.
 * Health is no decision, as no other public endpoint of the gateway's (discovery, revocation) is one: nothing is
 * asked of the caller, and load balancers' probes would outnumber every real decision.
 * <p>
 * Exists only while the endpoints share the main port: with {@code management.server.port} set to another port they
 * are served there, in a separate context, and the main port has none of them (the documented production setup,
 * where the management port is reachable from the operator's network only).
 */
@Component
@ConditionalOnManagementPort(ManagementPortType.SAME)
class OperatorEndpointGuard implements FrontStep {

    private final List<PathPattern> guarded = new ArrayList<>();
    private final @Nullable PathPattern health;
    private final String route;
    private final Credentials credentials;
    private final Authenticator authenticator;

    OperatorEndpointGuard(PathMappedEndpoints endpoints, Credentials credentials, Authenticator authenticator) {
        // The patterns match as the endpoints' handler mapping does, on the decoded path: /%61ctuator is /actuator.
        PathPatternParser parser = PathPatternParser.defaultInstance;
        if (!endpoints.getBasePath().isEmpty()) {
            guarded.add(parser.parse(endpoints.getBasePath() + "/**"));
        }
        endpoints.getAllRootPaths().forEach(root -> guarded.add(parser.parse(root + "/**")));
        String healthPath = endpoints.getPath(EndpointId.of("health"));
        this.health = healthPath == null ? null : parser.parse(healthPath + "/**");
        this.route = endpoints.getBasePath().isEmpty() ? "/" : endpoints.getBasePath();
        this.credentials = credentials;
        this.authenticator = authenticator;
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return isGuarded(exchange.getRequest().getPath().pathWithinApplication());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return authenticator.authenticate(credentials.bearer(exchange), Requirement.ADMIN)
                .flatMap(admin -> admitted(exchange, admin, chain))
                .onErrorResume(AuthException.class, ex -> authenticator.refuse(exchange, route, ex.error()));
    }

    /**
     * The admin's token stays on the exchange, and its subject goes into the Reactor context as the actor: an
     * endpoint that changes something names it in the audit ({@link Actor#current}).
     */
    private Mono<Void> admitted(ServerWebExchange exchange, VerifiedToken admin, WebFilterChain chain) {
        authenticator.admitted(exchange, route);
        exchange.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, admin);
        return chain.filter(exchange).contextWrite(new Actor(admin.subject(), RequestId.of(exchange)).context());
    }

    private boolean isGuarded(PathContainer path) {
        if (health != null && health.matches(path)) {
            return false;
        }
        for (PathPattern pattern : guarded) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return FilterOrder.OPERATOR_ENDPOINT_GUARD;
    }
}
