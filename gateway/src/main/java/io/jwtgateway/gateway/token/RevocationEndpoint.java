package io.jwtgateway.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.revocation.Revocations;
import io.jwtgateway.gateway.verify.TokenVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): revokes the token in the form field {@code token}. Holding the token is the
 * proof: whoever has it may end it. An invalid or unknown token is answered 200 too (§2.2). The token named is not the
 * caller's credential, so no decision is reported.
 */
@Configuration(proxyBeanMethods = false)
class RevocationEndpoint {

    static final String PATH = EndpointPaths.OAUTH_REVOKE;
    static final String TOKEN = "token";

    private final FormReader forms;
    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final RefusalWriter refusals;

    RevocationEndpoint(FormReader forms, TokenVerifier verifier, Revocations revocations, RefusalWriter refusals) {
        this.forms = forms;
        this.verifier = verifier;
        this.revocations = revocations;
        this.refusals = refusals;
    }

    @Bean
    RouterFunction<ServerResponse> revocationRoutes() {
        return RouterFunctions.route(POST(PATH), this::revoke)
                .andRoute(path(PATH), request -> refusals.oauth(request, FormReader.POST_ONLY));
    }

    private Mono<ServerResponse> revoke(ServerRequest request) {
        return forms.read(request)
                .flatMap(form -> forms.required(form, TOKEN))
                .flatMap(this::revokeIfValid)
                .then(ServerResponse.ok().cacheControl(CacheControl.noStore()).build())
                .onErrorResume(AuthException.class, ex -> refusals.oauth(request, ex.error()));
    }

    /** Revokes the token if it is ours to revoke; a store failure still fails, as the revocation is not recorded. */
    private Mono<Void> revokeIfValid(String token) {
        return verifier.verify(token)
                .onErrorResume(AuthException.class, invalid -> Mono.empty())   // RFC 7009 §2.2: still 200
                .flatMap(revocations::revoke);
    }
}
