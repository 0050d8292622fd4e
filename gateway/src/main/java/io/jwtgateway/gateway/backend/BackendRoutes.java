package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.policy.RoutePolicies;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * The routes' destinations: {@code lb://backend}, {@code lb://<name>} of a configured service, or a plain URL. A
 * route to a service nobody configured, or a configured service no route sends to, is a mistake found at startup.
 */
public final class BackendRoutes {

    private BackendRoutes() {
    }

    /**
     * Every route sent to an {@code lb://} name that is neither {@code backend} nor one of {@code services}, named by
     * its {@code uri} property such as {@code spring.cloud.gateway.server.webflux.routes[1].uri}; and every one of
     * {@code services} that no route sends to, named {@code gateway.services.<name>}. Empty when there is none.
     */
    public static List<ConfigurationProblem> problems(List<RouteDefinition> routes, Set<String> services) {
        ConfigurationProblems problems = new ConfigurationProblems();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            URI uri = routes.get(i).getUri();
            String name = uri == null ? null : BackendRouting.serviceOf(uri);
            if (name == null) {
                continue;
            }
            used.add(name);
            if (!name.equals(ServicesProperties.BACKEND) && !services.contains(name)) {
                problems.add(RoutePolicies.ROUTES + "[" + i + "].uri", "lb://" + name + " is not a service: "
                        + "configure gateway.services." + name + ".uris, or send the route to lb://backend "
                        + "(gateway.backend.uris) or a plain http(s) URL");
            }
        }
        for (String service : services) {
            if (!used.contains(service)) {
                problems.add("gateway.services." + service, "no route sends to lb://" + service
                        + "; remove the service or add a route to it");
            }
        }
        return problems.list();
    }
}
