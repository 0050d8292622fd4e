package io.jwtgateway.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.headers;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.http.ExactPaths;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.RequestPath;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

class ServedPathsTests {

    static final HandlerFunction<ServerResponse> OK = request -> ServerResponse.ok().build();

    @Test
    void routesWhenPathPredicatesThenThoseAreReservedAndNothingElse() {
        ReservedPaths reserved = reserved(RouterFunctions.route(POST("/api/v3/auth").or(GET("/api/v3/auth")), OK)
                .andRoute(path("/.well-known/{document}"), OK)
                .andRoute(new ExactPaths(Set.of("/meta/te%41nt")), OK));

        assertThat(reserved.isEverything()).isFalse();
        assertThat(reserved.contains(request("/api/v3/auth"))).isTrue();
        assertThat(reserved.contains(request("/api/v3/%61uth"))).as("decoded, as the mapping matches").isTrue();
        assertThat(reserved.contains(request("/.well-known/jwks.json"))).isTrue();
        assertThat(reserved.contains(request("/meta/te%41nt"))).as("an exact raw path").isTrue();
        assertThat(reserved.contains(request("/api/v3/secret"))).isFalse();
        assertThat(reserved.contains(request("/"))).isFalse();
    }

    @Test
    void routeWhenAPredicateMatchesAnyPathThenEverythingIsReserved() {
        assertThat(reserved(RouterFunctions.route(path("/a").or(headers(h -> true)), OK)).isEverything()).isTrue();
        assertThat(reserved(RouterFunctions.route(path("/a").negate(), OK)).isEverything()).isTrue();
        assertThat(reserved(RouterFunctions.route(request -> true, OK)).isEverything()).isTrue();
        assertThat(reserved(RouterFunctions.nest(path("/a"), RouterFunctions.route(path("/b"), OK))).isEverything())
                .isTrue();
        assertThat(reserved(request -> Mono.empty()).isEverything()).isTrue();
    }

    @Test
    void routeWhenAPathAndAnotherConditionThenThePathIsReserved() {
        ReservedPaths reserved = reserved(RouterFunctions.route(path("/a").and(headers(h -> true)), OK));

        assertThat(reserved.isEverything()).isFalse();
        assertThat(reserved.contains(request("/a"))).isTrue();
        assertThat(reserved.contains(request("/b"))).isFalse();
    }

    @Test
    void coveredByWhenARoutePatternCouldTakeAReservedPathThenThatPathNamed() {
        ReservedPaths reserved = ReservedPaths.of(List.of(pattern("/actuator/**"), pattern("/.well-known/{document}")),
                Set.of("/api/v3/auth", "/oauth2/token"));

        assertThat(reserved.coveredBy(pattern("/**"))).isPresent();
        assertThat(reserved.coveredBy(pattern("/{*rest}"))).isPresent();
        assertThat(reserved.coveredBy(pattern("/api/v3/**"))).contains("/api/v3/auth");
        assertThat(reserved.coveredBy(pattern("/oauth2/*"))).contains("/oauth2/token");
        assertThat(reserved.coveredBy(pattern("/actuator/gateway/**"))).contains("/actuator/**");
        assertThat(reserved.coveredBy(pattern("/act*/**"))).contains("/actuator/**");
        assertThat(reserved.coveredBy(pattern("/.well-known/jwks.json"))).contains("/.well-known/{document}");
    }

    @Test
    void coveredByWhenARoutePatternKeepsClearThenEmpty() {
        ReservedPaths reserved = ReservedPaths.of(List.of(pattern("/actuator/**")), Set.of("/api/v3/auth"));

        assertThat(reserved.coveredBy(pattern("/orders/**"))).isEmpty();
        assertThat(reserved.coveredBy(pattern("/api/v3/orders/**"))).isEmpty();
        assertThat(reserved.coveredBy(pattern("/{tenant}/orders/**"))).isEmpty();
        assertThat(reserved.coveredBy(pattern("/actuators"))).isEmpty();
    }

    @Test
    void coveredByWhenAMappingCouldNotBeListedThenTheListedOnesStillCompared() {
        ReservedPaths reserved = ServedPaths.of(List.of(new RouterFunctionMapping(
                RouterFunctions.route(path("/api/v3/auth"), OK).andRoute(request -> true, OK))));

        assertThat(reserved.isEverything()).isTrue();
        assertThat(reserved.coveredBy(pattern("/api/**"))).contains("/api/v3/auth");
        assertThat(reserved.coveredBy(pattern("/orders/**"))).isEmpty();
    }

    private static PathPattern pattern(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    private static ReservedPaths reserved(RouterFunction<?> routes) {
        return ServedPaths.of(List.of(new RouterFunctionMapping(routes)));
    }

    private static RequestPath request(String path) {
        return RequestPath.parse(path, null);
    }
}
