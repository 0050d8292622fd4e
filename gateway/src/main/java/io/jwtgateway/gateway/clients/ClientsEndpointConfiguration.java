package io.jwtgateway.gateway.clients;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.time.Clock;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the operator API where Spring Boot serves the operator endpoints: in the management context, which is the
 * main one while the actuator shares the main port (then {@code management.OperatorEndpointGuard} admits admin tokens
 * only, as for every endpoint under the actuator's base path), else the child context of {@code management.server.port},
 * where the main port has none of it. Spring Boot imports this class into that context
 * ({@code META-INF/spring/…ManagementContextConfiguration.imports}); it is never component-scanned, so it cannot land
 * in the main context by another way. A router function rather than an actuator endpoint: actuator operations read
 * bodies leniently (unknown members dropped, any size), and the API's contract is strict JSON and RFC 9457 problems.
 *
 * <p>Under the actuator's base path ({@code /actuator}): {@code GET|POST /clients}, {@code GET|PATCH|DELETE
 * /clients/{clientId}}, {@code POST /clients/{clientId}/keys}, {@code DELETE /clients/{clientId}/keys/{keyId}}.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
public class ClientsEndpointConfiguration {

    static final String CLIENTS = "/clients";

    @Bean
    RouterFunction<ServerResponse> clientsOperatorRoutes(WebEndpointProperties endpoints, ClientRegistry registry,
            ClientChanges changes, KeyUses uses, RefusalWriter refusals, JsonMapper json, AuthProperties auth,
            Clock clock) {
        String base = endpoints.getBasePath() + CLIENTS;
        String one = base + "/{clientId}";
        String keys = one + "/keys";
        String key = keys + "/{keyId}";
        ClientsEndpoint endpoint = new ClientsEndpoint(base, registry, changes, uses, refusals, json, auth, clock);
        return RouterFunctions.route(GET(base), endpoint::list)
                .andRoute(POST(base), endpoint::create)
                .andRoute(GET(one), endpoint::read)
                .andRoute(PATCH(one), endpoint::update)
                .andRoute(DELETE(one), endpoint::delete)
                .andRoute(POST(keys), endpoint::addKey)
                .andRoute(DELETE(key), endpoint::revokeKey)
                .andRoute(path(base), request -> refusals.methodNotAllowed("Use GET or POST", HttpMethod.GET,
                        HttpMethod.POST))
                .andRoute(path(one), request -> refusals.methodNotAllowed("Use GET, PATCH or DELETE",
                        HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE))
                .andRoute(path(keys), request -> refusals.methodNotAllowed("Use POST", HttpMethod.POST))
                .andRoute(path(key), request -> refusals.methodNotAllowed("Use DELETE", HttpMethod.DELETE));
    }
}
