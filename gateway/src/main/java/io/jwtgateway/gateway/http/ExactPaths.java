package io.jwtgateway.gateway.http;

import java.util.Set;

import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * A router-function predicate true for a few raw request paths, compared exactly as sent, not decoded. A named class
 * rather than a lambda, so the gateway can tell which paths its own endpoints serve and keep its routes off them.
 */
public final class ExactPaths implements RequestPredicate {

    private final Set<String> paths;

    public ExactPaths(Set<String> paths) {
        this.paths = Set.copyOf(paths);
    }

    public Set<String> paths() {
        return paths;
    }

    @Override
    public boolean test(ServerRequest request) {
        return paths.contains(request.path());
    }
}
