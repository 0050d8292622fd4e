package io.jwtgateway.gateway.revocation;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.http.ProblemWriter;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.verify.AuthError;
import io.jwtgateway.gateway.verify.AuthException;
import io.jwtgateway.gateway.verify.AuthOutcome;
import io.jwtgateway.gateway.verify.BearerHeader;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The revocation endpoints, served by the gateway itself:
 * <ul>
 *   <li>{@code POST /api/v3/auth/revoke}: logout, revokes the caller's own Bearer token;</li>
 *   <li>{@code POST /oauth2/revoke} (RFC 7009): revokes the token in the form field {@code token}. Holding the token
 *       is the proof: whoever has it may end it. An invalid or unknown token is answered 200 too (§2.2);</li>
 *   <li>{@code POST /oauth2/introspect} (RFC 7662): for callers holding an admin-role token, whether a token is
 *       active and its claims.</li>
 * </ul>
 * The decisions about the caller's own token (logout, introspect) are reported to {@link AuthDecisions}; the token a
 * revocation request names is not the caller's credential, so {@code /oauth2/revoke} reports none.
 */
@Configuration(proxyBeanMethods = false)
class RevocationEndpoints {

    static final String LOGOUT = "/api/v3/auth/revoke";
    static final String REVOKE = "/oauth2/revoke";
    static final String INTROSPECT = "/oauth2/introspect";
    static final String ADMIN_ROLE = "admin";

    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final ProblemWriter problems;
    private final AuthDecisions decisions;
    private final String realm;

    RevocationEndpoints(TokenVerifier verifier, Revocations revocations, ProblemWriter problems,
                        AuthDecisions decisions, AuthProperties properties) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.problems = problems;
        this.decisions = decisions;
        this.realm = properties.realm();
    }

    @Bean
    RouterFunction<ServerResponse> revocationRoutes() {
        return RouterFunctions.route(POST(LOGOUT), this::logout)
                .andRoute(POST(REVOKE), this::revoke)
                .andRoute(POST(INTROSPECT), this::introspect)
                .andRoute(path(LOGOUT).or(path(REVOKE)).or(path(INTROSPECT)), this::methodNotAllowed);
    }

    private Mono<ServerResponse> logout(ServerRequest request) {
        return bearer(request)
                .flatMap(verifier::verify)
                .doOnNext(token -> admitted(request, LOGOUT, token))
                .flatMap(token -> revocations.revoke(token).then(revoked()))
                .onErrorResume(AuthException.class, ex -> refuse(request, LOGOUT, ex.error()))
                .onErrorResume(this::isStoreFailure, ex -> refuse(request, LOGOUT,
                        AuthError.revocationUnavailable()));
    }

    private Mono<ServerResponse> revoke(ServerRequest request) {
        return form(request)
                .flatMap(form -> tokenField(form))
                .flatMap(this::revokeIfValid)
                .then(ServerResponse.ok().cacheControl(CacheControl.noStore()).build())
                .onErrorResume(FormError.class, ex -> oauthError(request, HttpStatus.BAD_REQUEST, "invalid_request",
                        ex.getMessage()))
                .onErrorResume(this::isStoreFailure, ex -> oauthError(request, HttpStatus.SERVICE_UNAVAILABLE,
                        "temporarily_unavailable", "The revocation could not be recorded, try again"));
    }

    private Mono<Void> revokeIfValid(String token) {
        return verifier.verify(token)
                .flatMap(revocations::revoke)
                .onErrorResume(AuthException.class, invalid -> Mono.empty());   // RFC 7009 §2.2: still 200
    }

    private Mono<ServerResponse> introspect(ServerRequest request) {
        return bearer(request)
                .flatMap(verifier::verify)
                .doOnNext(caller -> decisions.identify(request.exchange(), caller.subject()))
                .flatMap(revocations::requireActive)
                .flatMap(this::requireAdmin)
                .doOnNext(admin -> admitted(request, INTROSPECT, admin))
                .flatMap(admin -> form(request)
                        .flatMap(RevocationEndpoints::tokenField)
                        .flatMap(this::describe)
                        .onErrorResume(FormError.class, ex -> oauthError(request, HttpStatus.BAD_REQUEST,
                                "invalid_request", ex.getMessage())))
                .onErrorResume(AuthException.class, ex -> refuse(request, INTROSPECT, ex.error()));
    }

    private Mono<ServerResponse> describe(String token) {
        return verifier.verify(token)
                .filter(verified -> !revocations.isRevoked(verified))
                .map(RevocationEndpoints::activeClaims)
                .onErrorResume(AuthException.class, invalid -> Mono.empty())
                .defaultIfEmpty(Map.of("active", false))
                .flatMap(body -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(body));
    }

    /** RFC 7662 §2.2 members, plus {@code roles}. */
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
        claims.put("roles", token.roles());
        claims.put("token_type", "Bearer");
        return claims;
    }

    private Mono<VerifiedToken> requireAdmin(VerifiedToken caller) {
        return caller.hasRole(ADMIN_ROLE) ? Mono.just(caller) : AuthError.insufficientScope(ADMIN_ROLE).reject();
    }

    private static Mono<String> bearer(ServerRequest request) {
        List<String> authorization = request.headers().header(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return AuthError.missingToken().reject();
        }
        return BearerHeader.token(authorization)
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()));
    }

    private static Mono<FormParameters> form(ServerRequest request) {
        if (!FormParameters.isUtf8Form(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE))) {
            return Mono.error(new FormError("Content-Type must be application/x-www-form-urlencoded"));
        }
        return BoundedBody.read(request.body(BodyExtractors.toDataBuffers()))
                .onErrorMap(BoundedBody.TooLargeException.class,
                        ex -> new FormError("The request body is too large"))
                .flatMap(body -> Mono.justOrEmpty(FormParameters.decode(body))
                        .filter(parameters -> !parameters.hasRepeatedName())
                        .switchIfEmpty(Mono.error(() -> new FormError(
                                "The form is malformed or repeats a parameter"))));
    }

    private static Mono<String> tokenField(FormParameters form) {
        return Mono.justOrEmpty(form.get("token"))
                .switchIfEmpty(Mono.error(() -> new FormError("The token parameter is required")));
    }

    private Mono<ServerResponse> revoked() {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(Map.of("data", Map.of("code", 200, "message", "Your token is revoked")));
    }

    private void admitted(ServerRequest request, String endpoint, VerifiedToken caller) {
        decisions.identify(request.exchange(), caller.subject());
        decisions.record(request.exchange(), endpoint, AuthOutcome.ALLOWED);
    }

    private Mono<ServerResponse> refuse(ServerRequest request, String endpoint, AuthError error) {
        decisions.record(request.exchange(), endpoint, error.outcome());
        ServerResponse.BodyBuilder response = ServerResponse.status(error.status());
        if (error.isChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, error.challenge(realm));
        }
        return response.build((exchange, context) ->
                problems.write(exchange, error.status(), error.description(), error.code()));
    }

    /** RFC 6749 §5.2's shape, as RFC 7009 §2.2.1 and RFC 7662 §2.3 ask, plus the request id. */
    private static Mono<ServerResponse> oauthError(ServerRequest request, HttpStatus status, String code,
                                                   String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        String requestId = RequestId.of(request.exchange());
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(HttpMethod.POST)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", "invalid_request", "error_description", "Use POST"));
    }

    /** Redis refused or did not answer in time: the revocation is not recorded. */
    private boolean isStoreFailure(Throwable failure) {
        return failure instanceof DataAccessException || failure instanceof TimeoutException;
    }

    /** A malformed form: an expected outcome, so no stack trace. */
    private static final class FormError extends RuntimeException {
        FormError(String message) {
            super(message, null, false, false);
        }
    }
}
