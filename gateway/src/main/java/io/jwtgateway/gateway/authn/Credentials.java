package io.jwtgateway.gateway.authn;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jwtgateway.gateway.browser.TokenCookie;
import io.jwtgateway.gateway.browser.TrustedOrigins;
import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.StrictJson;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the token a request presents, in this order: {@code Authorization: Bearer <jwt>} (RFC 6750 §2.1) or
 * {@code Authorization: DPoP <jwt>} (RFC 9449 §7.1), read by {@link AuthorizationHeader}; on a WebSocket upgrade, the
 * {@code access_token} query parameter (§2.3, {@link QueryToken}); the token cookie when configured
 * ({@link TokenCookie}); else the {@code "token"} member of a JSON body, as the seed's clients send it. The first one
 * found is the request's token and no later place is read, so a second token can never add to the first. Empty when
 * the request presents no token at all.
 *
 * <p>A cookie is sent by the browser whichever page makes the request, so a cookie token on an unsafe method (POST,
 * PUT, PATCH, DELETE) or a WebSocket upgrade counts only from a trusted origin ({@link TrustedOrigins}); otherwise the
 * request is refused as cross-site (403).
 */
@Component
public class Credentials {

    static final String BODY_FIELD = "token";

    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final TokenCookie cookie;
    private final TrustedOrigins origins;

    Credentials(TokenCookie cookie, TrustedOrigins origins) {
        this.cookie = cookie;
        this.origins = origins;
    }

    /** The request's token, from the first place in the order above that holds one; empty when none does. */
    public Mono<Credential> find(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        List<String> query = QueryToken.values(request);
        if (authorization != null && query != null) {
            return AuthError.invalidRequest("Send the token in the Authorization header or the access_token "
                    + "parameter, not both").reject();                 // RFC 6750 §2: one method per request
        }
        if (authorization != null) {
            return fromHeader(exchange, authorization);
        }
        if (query != null) {
            return fromQuery(exchange, query);
        }
        String cookieToken = cookie.token(request);
        if (cookieToken != null) {
            return fromCookie(exchange, cookieToken);
        }
        if (!BoundedBody.isAnnounced(request)
                || !StrictJson.isJson(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return Mono.empty();
        }
        return BoundedBody.read(request.getBody())
                .onErrorResume(BoundedBody.TooLargeException.class, ex -> AuthError.invalidRequest(
                        "The request body is too large to look for a token").reject())
                .flatMap(body -> fromBody(exchange, body));
    }

    /**
     * The token of the {@code Authorization} header, else of the token cookie, for the gateway's own endpoints, whose
     * bodies are their input; empty when there is none.
     */
    public Mono<Credential> bearer(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return fromHeader(exchange, authorization);
        }
        String cookieToken = cookie.token(request);
        return cookieToken == null ? Mono.empty() : fromCookie(exchange, cookieToken);
    }

    private static Mono<Credential> fromHeader(ServerWebExchange exchange, List<String> values) {
        return AuthorizationHeader.credential(exchange, values);
    }

    private static Mono<Credential> fromQuery(ServerWebExchange exchange, List<String> values) {
        if (values.size() != 1 || values.get(0).isEmpty()) {
            return AuthError.invalidRequest("Send exactly one non-empty access_token parameter").reject();
        }
        return Mono.just(new Credential(QueryToken.strip(exchange), values.get(0)));
    }

    private Mono<Credential> fromCookie(ServerWebExchange exchange, String token) {
        ServerHttpRequest request = exchange.getRequest();
        boolean needsOrigin = !SAFE_METHODS.contains(request.getMethod()) || QueryToken.isWebSocketUpgrade(request);
        if (needsOrigin && !origins.trusts(exchange)) {
            return AuthError.crossSiteRequest().reject();
        }
        return Mono.just(new Credential(exchange, token));
    }

    private static Mono<Credential> fromBody(ServerWebExchange exchange, byte[] body) {
        if (body.length == 0) {
            return Mono.empty();
        }
        Map<?, ?> members = StrictJson.readObject(body).orElse(null);
        if (members == null) {
            return AuthError.invalidRequest("The JSON body is malformed").reject();
        }
        if (!members.containsKey(BODY_FIELD)) {
            return Mono.empty();
        }
        Object token = members.get(BODY_FIELD);
        if (!(token instanceof String text) || text.isEmpty()) {
            return AuthError.invalidRequest("The token member must be a non-empty string").reject();
        }
        ServerHttpRequest replay = new CachedBodyRequest(exchange.getRequest(), body,
                exchange.getResponse().bufferFactory());
        return Mono.just(new Credential(exchange.mutate().request(replay).build(), text));
    }
}
