package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.policy.RoutePolicies;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * The routes' destinations: {@code lb://backend}, {@code lb://<name>} of a configured service, or a plain URL. A
 * route to a service nobody configured is a mistake, found at startup for the configured routes and when a route is
 * added at runtime.
 */
public final class BackendRoutes {

    private BackendRoutes() {
    }

    /**
     * Every route sent to an {@code lb://} name that is neither {@code backend} nor one of {@code services}, named by
     * its {@code uri} property such as {@code spring.cloud.gateway.server.webflux.routes[1].uri}. Empty when there is
     * none.
     */
    public static List<ConfigurationProblem> problems(List<RouteDefinition> routes, Set<String> services) {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < routes.size(); i++) {
            String property = RoutePolicies.ROUTES + "[" + i + "].uri";
            unknownService(routes.get(i).getUri(), services).ifPresent(reason -> problems.add(property, reason));
        }
        return problems.list();
    }

    /**
     * Why a route cannot send to {@code uri}: an {@code lb://} name that is neither {@code backend} nor one of
     * {@code services}; empty for a known service or a plain URL.
     */
    public static Optional<String> unknownService(@Nullable URI uri, Set<String> services) {
        String name = uri == null ? null : BackendRouting.serviceOf(uri);
        if (name == null || name.equals(ServicesProperties.BACKEND) || services.contains(name)) {
            return Optional.empty();
        }
        return Optional.of("lb://" + name + " is not a service: configure gateway.services." + name + ".uris, or "
                + "send the route to lb://backend (gateway.backend.uris) or a plain http(s) URL");
    }
}
