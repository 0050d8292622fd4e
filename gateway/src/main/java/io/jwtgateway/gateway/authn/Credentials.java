package io.jwtgateway.gateway.authn;

import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.StrictJson;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Finds the token a request presents: {@code Authorization: Bearer <jwt>} (RFC 6750 §2.1), else the {@code "token"}
 * member of a JSON body, as the seed's clients send it. With an {@code Authorization} header the body is never read,
 * so a second token can never add to the first. Empty when the request presents no bearer credentials at all.
 */
@Component
public class Credentials {

    static final String BODY_FIELD = "token";

    /** The token of the {@code Authorization} header, else of the JSON body; empty when there is none. */
    public Mono<Credential> find(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return fromHeader(exchange, authorization);
        }
        if (!BoundedBody.isAnnounced(request) || !StrictJson.isJson(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return Mono.empty();
        }
        return BoundedBody.read(request.getBody())
                .onErrorResume(BoundedBody.TooLargeException.class, ex -> AuthError.invalidRequest(
                        "The request body is too large to look for a token").reject())
                .flatMap(body -> fromBody(exchange, body));
    }

    /**
     * The token of the {@code Authorization} header only, for the gateway's own endpoints, whose bodies are their
     * input; empty when there is none.
     */
    public Mono<Credential> bearer(ServerWebExchange exchange) {
        List<String> authorization = exchange.getRequest().getHeaders().get(HttpHeaders.AUTHORIZATION);
        return authorization == null ? Mono.empty() : fromHeader(exchange, authorization);
    }

    private static Mono<Credential> fromHeader(ServerWebExchange exchange, List<String> values) {
        return BearerHeader.token(values).map(token -> new Credential(exchange, token));
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
