package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.Grant;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.verify.AuthOutcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /oauth2/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4). A client authenticates with its
 * client id and an API key as the client secret, and gets a token for the key's owner. Served by the gateway itself,
 * ahead of its routes, so the global filter never sees it, and reports its own decisions.
 */
@Configuration(proxyBeanMethods = false)
class ClientCredentialsEndpoint {

    static final String PATH = "/oauth2/token";
    static final String GRANT_TYPE = "grant_type";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String SCOPE = "scope";

    private final FormReader forms;
    private final ClientCredentialsReader clients;
    private final ApiKeys apiKeys;
    private final TokenIssuer issuer;
    private final AuthDecisions decisions;
    private final long ttlSeconds;
    private final String basicChallenge;

    ClientCredentialsEndpoint(FormReader forms, ClientCredentialsReader clients, ApiKeys apiKeys, TokenIssuer issuer,
                              AuthDecisions decisions, AuthProperties properties) {
        this.forms = forms;
        this.clients = clients;
        this.apiKeys = apiKeys;
        this.issuer = issuer;
        this.decisions = decisions;
        this.ttlSeconds = properties.tokenTtl().toSeconds();
        this.basicChallenge = "Basic realm=\"" + properties.realm() + "\"";   // the realm holds no quote or backslash
    }

    @Bean
    RouterFunction<ServerResponse> clientCredentialsRoutes() {
        return RouterFunctions.route(POST(PATH), this::token)
                .andRoute(path(PATH), request -> respond(request, OAuthError.methodNotAllowed()));
    }

    /**
     * The request is read in full before the client is authenticated, so a caller without credentials learns only
     * whether its request is well-formed; the grant type and scope are judged for authenticated clients only.
     */
    private Mono<ServerResponse> token(ServerRequest request) {
        return forms.read(request)
                .flatMap(form -> clients.read(request, form)
                        .flatMap(client -> grant(request.exchange(), client, form)))
                .flatMap(this::ok)
                .onErrorResume(OAuthError.Carrier.class, ex -> refuse(request, ex.error()));
    }

    private Mono<AccessTokenResponse> grant(ServerWebExchange exchange, ClientCredentials client,
                                            FormParameters form) {
        Optional<String> grantType = form.get(GRANT_TYPE);
        if (grantType.isEmpty()) {
            return OAuthError.invalidRequest("missing grant_type").reject();
        }
        // Constant time whatever the client id; a key without a client id never matches.
        Optional<ApiKey> key = apiKeys.findClient(client.clientId(), client.secret());
        if (key.isEmpty()) {
            return OAuthError.invalidClient(AuthOutcome.INVALID_API_KEY, "client authentication failed").reject();
        }
        if (!CLIENT_CREDENTIALS.equals(grantType.get())) {
            return OAuthError.unsupportedGrantType().reject();
        }
        return RequestedScope.grant(form.get(SCOPE).orElse(null), key.get().scopes())
                .map(scopes -> Mono.just(issue(exchange, key.get(), scopes)))
                .orElseGet(() -> OAuthError.invalidScope().reject());
    }

    private AccessTokenResponse issue(ServerWebExchange exchange, ApiKey key, List<String> scopes) {
        AccessTokenResponse token = AccessTokenResponse.of(issuer.issue(key, scopes), scopes, ttlSeconds);
        decisions.issued(exchange, PATH, Grant.CLIENT_CREDENTIALS, key.subject());
        return token;
    }

    private Mono<ServerResponse> ok(AccessTokenResponse token) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())           // RFC 6749 §5.1: tokens are never cached
                .header(HttpHeaders.PRAGMA, "no-cache")
                .bodyValue(token);
    }

    /**
     * RFC 6749 §5.2. Every 401 names the Basic scheme, as RFC 9110 §11.6.1 requires of a 401 and §5.2 asks when the
     * client tried Basic; a client that sent its secret in the body can ignore it.
     */
    private Mono<ServerResponse> refuse(ServerRequest request, OAuthError error) {
        if (error.outcome() == AuthOutcome.INVALID_API_KEY) {
            decisions.keyRefused(request.exchange(), PATH, Grant.CLIENT_CREDENTIALS);
        } else {
            decisions.record(request.exchange(), PATH, error.outcome());
        }
        return respond(request, error);
    }

    private Mono<ServerResponse> respond(ServerRequest request, OAuthError error) {
        ServerResponse.BodyBuilder response = ServerResponse.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (error.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, basicChallenge);
        }
        if (error.status() == HttpStatus.METHOD_NOT_ALLOWED) {
            response.allow(HttpMethod.POST);
        }
        return response.bodyValue(error.body(RequestId.of(request.exchange())));
    }
}
