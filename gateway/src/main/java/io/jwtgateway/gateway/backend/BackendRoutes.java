package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.List;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.policy.RoutePolicies;
import org.springframework.cloud.gateway.route.RouteDefinition;

/** The routes' destinations: {@code lb://backend}, or a plain URL. No other service is load balanced. */
public final class BackendRoutes {

    private BackendRoutes() {
    }

    /**
     * Every route sent to a load-balanced service other than {@code lb://backend}, named by its {@code uri} property,
     * such as {@code spring.cloud.gateway.server.webflux.routes[1].uri}; empty when there is none.
     */
    public static List<ConfigurationProblem> problems(List<RouteDefinition> routes) {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < routes.size(); i++) {
            URI uri = routes.get(i).getUri();
            if (uri != null && BackendRouting.isLoadBalanced(uri) && !BackendRouting.isBackend(uri)) {
                problems.add(RoutePolicies.ROUTES + "[" + i + "].uri", "only lb://" + BackendInstances.SERVICE_ID
                        + " (the instances of gateway.backend.uris) is load balanced; use it or a plain http(s) URL");
            }
        }
        return problems.list();
    }
}
