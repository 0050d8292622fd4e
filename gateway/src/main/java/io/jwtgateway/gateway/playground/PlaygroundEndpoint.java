package io.jwtgateway.gateway.playground;

import static org.springframework.web.reactive.function.server.RequestPredicates.method;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the token playground: {@code /}, {@code /playground.js} and {@code /playground.css}, public, by the gateway
 * itself ahead of its routes. The page talks to this gateway only, and the Content-Security-Policy sent with every
 * file holds it to that: no inline script or style, no other origin to load from, send to, frame it or post a form to.
 * With {@code gateway.playground.enabled=false} none of the three exists, and {@code /} is a 404 like any unknown path.
 */
@Configuration(proxyBeanMethods = false)
class PlaygroundEndpoint {

    static final String PAGE = "/";
    static final String SCRIPT = "/playground.js";
    static final String STYLESHEET = "/playground.css";

    /** CSP Level 3: the page's own script, style and fetches; nothing inline, nothing from anywhere else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final RefusalWriter refusals;

    PlaygroundEndpoint(RefusalWriter refusals) {
        this.refusals = refusals;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "gateway.playground.enabled", matchIfMissing = true)
    RouterFunction<ServerResponse> playgroundRoutes() {
        List<PageFile> files = List.of(
                PageFile.load(PAGE, "index.html", utf8(MediaType.TEXT_HTML)),
                PageFile.load(SCRIPT, "playground.js", utf8(MediaType.parseMediaType("text/javascript"))),
                PageFile.load(STYLESHEET, "playground.css", utf8(MediaType.parseMediaType("text/css"))));
        RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.HEAD));
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (PageFile file : files) {
            routes.route(path(file.path()).and(read), request -> serve(file));
        }
        RequestPredicate anyFile = files.stream()
                .map(file -> path(file.path()))
                .reduce(RequestPredicate::or)
                .orElseThrow();
        return routes.route(anyFile, this::methodNotAllowed).build();
    }

    private static Mono<ServerResponse> serve(PageFile file) {
        return ServerResponse.ok()
                .contentType(file.type())
                .cacheControl(CacheControl.noCache())         // tiny files: always the running gateway's version
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .bodyValue(file.content());
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return refusals.methodNotAllowed("The playground is read with GET", HttpMethod.GET, HttpMethod.HEAD);
    }

    private static MediaType utf8(MediaType type) {
        return new MediaType(type, StandardCharsets.UTF_8);
    }
}
