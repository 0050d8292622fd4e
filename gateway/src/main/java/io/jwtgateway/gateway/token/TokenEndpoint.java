package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.jwtgateway.gateway.browser.TokenCookie;
import io.jwtgateway.gateway.clients.ClientRegistry;
import io.jwtgateway.gateway.clients.GrantType;
import io.jwtgateway.gateway.clients.KeyCheck;
import io.jwtgateway.gateway.clients.KeyUses;
import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.observe.Grant;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.observe.TraceId;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import org.jspecify.annotations.Nullable;
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
import reactor.core.publisher.Mono;

/**
 * {@code /api/v3/auth}: trades an API key for a token, bound to the client's DPoP key when the request carries a DPoP
 * proof (RFC 9449 §5), which a client registered with {@code dpop_bound_access_tokens} must send. A key that is
 * unknown, expired, revoked, of a disabled client or of a client without the {@code api_key} grant gets the one
 * wrong-key answer. Served by the gateway itself, ahead of its routes, so the global filter never sees it, and reports
 * its own decisions.
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpoint {

    static final String PATH = EndpointPaths.TOKEN;

    private static final AuthError METHOD_NOT_ALLOWED =
            AuthError.methodNotAllowed("use POST (or GET) with a JSON body, or the X-API-Key header");

    private final ApiKeyReader reader;
    private final ClientRegistry registry;
    private final KeyUses uses;
    private final TokenIssuer issuer;
    private final AuthDecisions decisions;
    private final TokenCookie cookie;
    private final DpopProofs proofs;

    TokenEndpoint(ApiKeyReader reader, ClientRegistry registry, KeyUses uses, TokenIssuer issuer,
            AuthDecisions decisions,
            TokenCookie cookie, DpopProofs proofs) {
        this.reader = reader;
        this.registry = registry;
        this.uses = uses;
        this.issuer = issuer;
        this.decisions = decisions;
        this.cookie = cookie;
        this.proofs = proofs;
    }

    @Bean
    RouterFunction<ServerResponse> tokenRoutes() {
        return RouterFunctions.route(POST(PATH).or(GET(PATH)), this::issue)
                .andRoute(path(PATH), this::methodNotAllowed);
    }

    private Mono<ServerResponse> issue(ServerRequest request) {
        return reader.read(request)
                .flatMap(presented -> authenticate(request, presented))
                .flatMap(client -> proofs.keyToBind(request.exchange())    // after the key: no stranger fills the cache
                        .map(dpopKey -> issue(request, client, dpopKey))
                        .switchIfEmpty(Mono.defer(() -> unbound(request, client))))
                .flatMap(this::created)
                .onErrorResume(AuthException.class, ex -> refuse(request, ex.error().atTokenEndpoint()));
    }

    private Mono<IssuedToken> unbound(ServerRequest request, KeyCheck.Accepted client) {
        return client.client().metadata().dpopBound()
                ? AuthError.dpopProofRequired().reject()
                : Mono.just(issue(request, client, null));
    }

    private IssuedToken issue(ServerRequest request, KeyCheck.Accepted client, @Nullable String dpopKey) {
        IssuedToken issued = issuer.issue(client.client(), client.key(), dpopKey);
        uses.used(client.client(), client.key());
        decisions.issued(request.exchange(), PATH, Grant.API_KEY, client.client().metadata().subject(),
                client.client().clientId());
        return issued;
    }

    /** Counts a refused key by its reason here, where it is known; the caller gets the one wrong-key answer. */
    private Mono<KeyCheck.Accepted> authenticate(ServerRequest request, String presented) {
        KeyCheck check = registry.check(presented, GrantType.API_KEY, null);
        if (check instanceof KeyCheck.Accepted accepted) {
            return Mono.just(accepted);
        }
        decisions.keyRefused(request.exchange(), PATH, Grant.API_KEY, ((KeyCheck.Refused) check).reason());
        return AuthError.invalidApiKey().reject();
    }

    /**
     * The token in the seed's JSON, and in the token cookie too when configured so ({@code set-on-issue}); never a
     * DPoP-bound token, which counts only with a proof, never as a cookie.
     */
    private Mono<ServerResponse> created(IssuedToken issued) {
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())           // RFC 6749 §5.1: tokens are never cached
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (cookie.setOnIssue() && !issued.bound()) {
            response.cookie(cookie.issued(issued.token(), issued.lifetime()));
        }
        return response.bodyValue(TokenResponse.created(issued));
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.GET, HttpMethod.POST)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TokenResponse.error(METHOD_NOT_ALLOWED,
                        RequestId.of(request.exchange()), TraceId.of(request.exchange())));
    }

    private Mono<ServerResponse> refuse(ServerRequest request, AuthError error) {
        if (error.outcome() != AuthOutcome.INVALID_API_KEY) {                  // counted with its reason already
            decisions.record(request.exchange(), PATH, error.outcome());
        }
        return ServerResponse.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(TokenResponse.error(error, RequestId.of(request.exchange()),
                        TraceId.of(request.exchange())));
    }
}
