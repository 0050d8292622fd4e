package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.Map;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credentials;
import io.jwtgateway.gateway.browser.TokenCookie;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.revocation.Revocations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v3/auth/revoke}: logout, which revokes the caller's own token (Bearer, or the token cookie, which it
 * also clears), on every replica. The token
 * goes through the same pipeline as on any route, so a token already revoked is refused as it is everywhere else.
 */
@Configuration(proxyBeanMethods = false)
class LogoutEndpoint {

    static final String PATH = EndpointPaths.LOGOUT;

    private static final Map<String, Object> REVOKED =
            Map.of("data", Map.of("code", 200, "message", "Your token is revoked"));

    private final Credentials credentials;
    private final Authenticator authenticator;
    private final Revocations revocations;
    private final RefusalWriter refusals;
    private final TokenCookie cookie;

    LogoutEndpoint(Credentials credentials, Authenticator authenticator, Revocations revocations,
            RefusalWriter refusals, TokenCookie cookie) {
        this.credentials = credentials;
        this.authenticator = authenticator;
        this.revocations = revocations;
        this.refusals = refusals;
        this.cookie = cookie;
    }

    @Bean
    RouterFunction<ServerResponse> logoutRoutes() {
        return RouterFunctions.route(POST(PATH), this::logout)
                .andRoute(path(PATH), request -> refusals.methodNotAllowed("Use POST", HttpMethod.POST));
    }

    private Mono<ServerResponse> logout(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        return authenticator.authenticate(credentials.bearer(exchange), Requirement.AUTHENTICATED)
                .doOnNext(token -> authenticator.admitted(exchange, PATH))
                .flatMap(token -> revocations.revoke(token).then(revoked()))
                .onErrorResume(AuthException.class, ex -> authenticator.refusal(exchange, PATH, ex.error()));
    }

    /** Revoked; with the cookie option on, the browser is also told to forget the token cookie. */
    private Mono<ServerResponse> revoked() {
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (cookie.enabled()) {
            response.cookie(cookie.cleared());
        }
        return response.bodyValue(REVOKED);
    }
}
