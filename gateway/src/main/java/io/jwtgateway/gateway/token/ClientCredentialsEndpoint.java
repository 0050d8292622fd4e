package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.clients.ClientRegistry;
import io.jwtgateway.gateway.clients.GrantType;
import io.jwtgateway.gateway.clients.KeyCheck;
import io.jwtgateway.gateway.clients.KeyUses;
import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.observe.Grant;
import io.jwtgateway.gateway.observe.KeyRefusal;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /oauth2/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4), and the RFC 8693 token exchange
 * grant, which {@link TokenExchangeGrant} decides once the client has authenticated here. A client authenticates with its
 * client id and one of its API keys as the client secret, and gets a token with its subject, roles and the scopes it
 * asks for among its own, bound to its DPoP key when the request carries a DPoP proof (RFC 9449 §5), which a client
 * registered with {@code dpop_bound_access_tokens} must send. A secret that is unknown, expired, revoked, another
 * client's or of a disabled client is one {@code invalid_client}. Served by the gateway itself, ahead of its routes,
 * so the global filter never sees it, and reports its own decisions.
 */
@Configuration(proxyBeanMethods = false)
class ClientCredentialsEndpoint {

    static final String PATH = EndpointPaths.OAUTH_TOKEN;
    static final String GRANT_TYPE = "grant_type";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String SCOPE = "scope";

    private static final AuthError METHOD_NOT_ALLOWED =
            AuthError.methodNotAllowed("the token endpoint accepts POST only");

    private final FormReader forms;
    private final ClientCredentialsReader clients;
    private final ClientRegistry registry;
    private final KeyUses uses;
    private final TokenIssuer issuer;
    private final AuthDecisions decisions;
    private final RefusalWriter refusals;
    private final DpopProofs proofs;
    private final TokenExchangeGrant exchanges;

    ClientCredentialsEndpoint(FormReader forms, ClientCredentialsReader clients, ClientRegistry registry, KeyUses uses,
            TokenIssuer issuer, AuthDecisions decisions, RefusalWriter refusals, DpopProofs proofs,
            TokenExchangeGrant exchanges) {
        this.forms = forms;
        this.clients = clients;
        this.registry = registry;
        this.uses = uses;
        this.issuer = issuer;
        this.decisions = decisions;
        this.refusals = refusals;
        this.proofs = proofs;
        this.exchanges = exchanges;
    }

    @Bean
    RouterFunction<ServerResponse> clientCredentialsRoutes() {
        return RouterFunctions.route(POST(PATH), this::token)
                .andRoute(path(PATH), request -> refusals.oauth(request, METHOD_NOT_ALLOWED));
    }

    /**
     * The request is read in full before the client is authenticated, so a caller without credentials learns only
     * whether its request is well-formed; the grant type and scope are judged for authenticated clients only.
     */
    private Mono<ServerResponse> token(ServerRequest request) {
        return forms.read(request)
                .flatMap(form -> clients.read(request, form)
                        .flatMap(client -> grant(request.exchange(), client, form)))
                .onErrorResume(AuthException.class, ex -> refuse(request, ex.error().atTokenEndpoint()));
    }

    /**
     * The client first: every failure to authenticate is one {@code invalid_client}, counted by its reason; then the
     * grant type (RFC 6749 §5.2 {@code unsupported_grant_type}, then {@code unauthorized_client} for a client without
     * it), the scope, and the DPoP proof. A token exchange is the client credentials grant's client authenticating
     * the same way, so a client without that grant may not exchange either.
     */
    private Mono<ServerResponse> grant(ServerWebExchange exchange, ClientCredentials credentials,
            FormParameters form) {
        Optional<String> grantType = form.get(GRANT_TYPE);
        if (grantType.isEmpty()) {
            return AuthError.invalidRequest("missing grant_type").reject();
        }
        boolean exchanging = TokenExchangeGrant.GRANT_TYPE.equals(grantType.get());
        KeyCheck check = registry.check(credentials.secret(), GrantType.CLIENT_CREDENTIALS, credentials.clientId());
        if (check instanceof KeyCheck.Refused refused && refused.reason() != KeyRefusal.GRANT_NOT_ALLOWED) {
            decisions.keyRefused(exchange, PATH, exchanging ? Grant.TOKEN_EXCHANGE : Grant.CLIENT_CREDENTIALS,
                    refused.reason());
            return AuthError.invalidClient(AuthOutcome.INVALID_API_KEY, "client authentication failed").reject();
        }
        if (exchanging) {
            return exchanges.grant(exchange, check, form)
                    .flatMap(this::ok);
        }
        return clientCredentials(exchange, check, form)
                .flatMap(this::ok);
    }

    private Mono<AccessTokenResponse> clientCredentials(ServerWebExchange exchange, KeyCheck check,
            FormParameters form) {
        if (!CLIENT_CREDENTIALS.equals(form.get(GRANT_TYPE).orElse(null))) {
            return AuthError.unsupportedGrantType().reject();
        }
        if (!(check instanceof KeyCheck.Accepted client)) {
            return AuthError.unauthorizedClient().reject();
        }
        return RequestedScope.grant(form.get(SCOPE).orElse(null), client.client().metadata().scopes())
                .map(scopes -> proofs.keyToBind(exchange)              // after the client: no stranger fills the cache
                        .map(dpopKey -> issue(exchange, client, scopes, dpopKey))
                        .switchIfEmpty(Mono.defer(() -> unbound(exchange, client, scopes))))
                .orElseGet(() -> AuthError.invalidScope().reject());
    }

    private Mono<AccessTokenResponse> unbound(ServerWebExchange exchange, KeyCheck.Accepted client,
            List<String> scopes) {
        return client.client().metadata().dpopBound()
                ? AuthError.dpopProofRequired().reject()
                : Mono.just(issue(exchange, client, scopes, null));
    }

    private AccessTokenResponse issue(ServerWebExchange exchange, KeyCheck.Accepted client, List<String> scopes,
            @Nullable String dpopKey) {
        AccessTokenResponse token = AccessTokenResponse.of(issuer.issue(client.client(), client.key(), scopes,
                dpopKey), scopes);
        uses.used(client.client(), client.key());
        decisions.issued(exchange, PATH, Grant.CLIENT_CREDENTIALS, client.client().metadata().subject(),
                client.client().clientId());
        return token;
    }

    private Mono<ServerResponse> ok(Object token) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())           // RFC 6749 §5.1: tokens are never cached
                .header(HttpHeaders.PRAGMA, "no-cache")
                .bodyValue(token);
    }

    /** RFC 6749 §5.2, with the Basic challenge on a 401 ({@link RefusalWriter#oauth}). */
    private Mono<ServerResponse> refuse(ServerRequest request, AuthError error) {
        if (error.outcome() != AuthOutcome.INVALID_API_KEY) {                  // counted with its reason already
            decisions.record(request.exchange(), PATH, error.outcome());
        }
        return refusals.oauth(request, error);
    }
}
