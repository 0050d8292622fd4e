package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credentials;
import io.jwtgateway.gateway.clients.EndedTokens;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/introspect} (RFC 7662): for callers holding an admin-role token, whether the token in the form
 * field {@code token} is active (valid, not revoked, not ended by its client: {@link EndedTokens}), and its claims.
 * The caller is authenticated as on any route and refused as there
 * (a problem detail with a Bearer challenge); a malformed form is an RFC 6749 §5.2 error (§2.3).
 */
@Configuration(proxyBeanMethods = false)
class IntrospectionEndpoint {

    static final String PATH = EndpointPaths.OAUTH_INTROSPECT;

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final Credentials credentials;
    private final Authenticator authenticator;
    private final FormReader forms;
    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final EndedTokens endedTokens;
    private final RefusalWriter refusals;

    IntrospectionEndpoint(Credentials credentials, Authenticator authenticator, FormReader forms,
            TokenVerifier verifier, Revocations revocations, EndedTokens endedTokens, RefusalWriter refusals) {
        this.credentials = credentials;
        this.authenticator = authenticator;
        this.forms = forms;
        this.verifier = verifier;
        this.revocations = revocations;
        this.endedTokens = endedTokens;
        this.refusals = refusals;
    }

    @Bean
    RouterFunction<ServerResponse> introspectionRoutes() {
        return RouterFunctions.route(POST(PATH), this::introspect)
                .andRoute(path(PATH), request -> refusals.oauth(request, FormReader.POST_ONLY));
    }

    private Mono<ServerResponse> introspect(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        return authenticator.authenticate(credentials.bearer(exchange), Requirement.ADMIN)
                .doOnNext(admin -> authenticator.admitted(exchange, PATH))
                .flatMap(admin -> describe(request))
                .onErrorResume(AuthException.class, ex -> authenticator.refusal(exchange, PATH, ex.error()));
    }

    /** The answer about the form's token; the form's own errors are answered here, in RFC 6749's shape. */
    private Mono<ServerResponse> describe(ServerRequest request) {
        return forms.read(request)
                .flatMap(form -> forms.required(form, RevocationEndpoint.TOKEN))
                .flatMap(this::claims)
                .flatMap(body -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(body))
                .onErrorResume(AuthException.class, ex -> refusals.oauth(request, ex.error()));
    }

    private Mono<Map<String, Object>> claims(String token) {
        return verifier.verify(token)
                .filter(verified -> !revocations.isRevoked(verified) && !endedTokens.isEnded(verified))
                .map(IntrospectionEndpoint::activeClaims)
                .onErrorResume(AuthException.class, invalid -> Mono.empty())
                .defaultIfEmpty(INACTIVE);
    }

    /**
     * RFC 7662 §2.2 members, plus {@code roles}, {@code cnf} for a token bound to a DPoP key, and for a token made by
     * token exchange its service as {@code aud} and its RFC 8693 §4.1 {@code act}.
     */
    private static Map<String, Object> activeClaims(VerifiedToken token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("active", true);
        claims.put("iss", token.issuer());
        claims.put("sub", token.subject());
        claims.put("exp", token.expiresAt().getEpochSecond());
        if (token.issuedAt() != null) {
            claims.put("iat", token.issuedAt().getEpochSecond());
        }
        if (token.tokenId() != null) {
            claims.put("jti", token.tokenId());
        }
        if (!token.scopes().isEmpty()) {
            claims.put("scope", String.join(" ", token.scopes()));
        }
        if (token.clientId() != null) {
            claims.put("client_id", token.clientId());
        }
        if (token.service() != null) {
            claims.put("aud", token.service());
        }
        if (token.actor() != null) {
            claims.put("act", token.actor());
        }
        claims.put("roles", token.roles());
        if (token.keyBinding() != null) {
            claims.put("cnf", Map.of("jkt", token.keyBinding()));     // RFC 9449 §6.2
        }
        claims.put("token_type", token.isBound() ? "DPoP" : "Bearer");
        return claims;
    }
}
