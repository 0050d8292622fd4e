package io.jwtgateway.gateway.refusal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.observe.TraceId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every refusal the gateway sends, in one of two shapes, each carrying the request's {@code X-Request-Id} so a
 * client reporting an error can name the request:
 * <ul>
 *   <li>an RFC 9457 problem detail with an {@code error} member: the RFC 6750 code of a refused credential, with its
 *       {@code WWW-Authenticate: Bearer} challenge, or one of our own codes ({@link RefusalCode}:
 *       {@code rate_limited}, {@code backend_unavailable}, …) for the rest, or none;</li>
 *   <li>an RFC 6749 §5.2 error, for the OAuth2 endpoints (token, revocation, introspection), which RFC 7009 §2.2.1 and
 *       RFC 7662 §2.3 point to.</li>
 * </ul>
 * Refusals are never cached. The seed endpoint's envelope is its own contract, written by that endpoint.
 */
@Component
public class RefusalWriter {

    private final JsonMapper json;
    private final String realm;
    private final String basicChallenge;
    private final String dpopAlgorithms;

    RefusalWriter(JsonMapper json, AuthProperties properties, DpopProperties dpop) {
        this.json = json;
        this.realm = properties.realm();
        this.basicChallenge = "Basic realm=\"" + properties.realm() + "\"";   // the realm holds no quote or backslash
        this.dpopAlgorithms = String.join(" ", dpop.algorithms());
    }

    /**
     * A refused credential: the problem detail, with the challenge when the credentials were at fault: DPoP's when the
     * refusal is about DPoP or the request used the DPoP scheme (RFC 9449 §7.1), else Bearer's.
     */
    public Mono<Void> write(ServerWebExchange exchange, AuthError error) {
        if (error.isChallenge()) {
            AuthError challenged = usesDpopScheme(exchange) ? error.inDpopScheme() : error;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    challenged.challenge(realm, dpopAlgorithms));
        }
        return problem(exchange, error.status(), error.description(), error.code());
    }

    /** Any other refusal that has no code of its own: a path, a body that broke off, a wrong method. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return problem(exchange, status, detail, null);
    }

    /** Any other refusal, with our own code for it: an origin, a rate limit, a backend. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, RefusalCode code) {
        return problem(exchange, status, detail, code.tag(), List.of());
    }

    /** A refused request body, listing the problem of each member at fault (RFC 9457 §3's {@code errors}). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, RefusalCode code,
            List<InvalidField> errors) {
        return problem(exchange, status, detail, code.tag(), errors);
    }

    /** An operator's request refused for its input or for what it would change, each member at fault listed. */
    public Mono<Void> write(ServerWebExchange exchange, Rejection rejection) {
        return problem(exchange, rejection.status(), rejection.detail(), rejection.code().tag(), rejection.errors());
    }

    private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail, @Nullable String code) {
        return problem(exchange, status, detail, code, List.of());
    }

    private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail, @Nullable String code,
            List<InvalidField> errors) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        byte[] body = json.writeValueAsBytes(new Problem("about:blank", status.getReasonPhrase(), status.value(),
                detail, exchange.getRequest().getPath().value(), code, RequestId.of(exchange), TraceId.of(exchange),
                errors.isEmpty() ? null : List.copyOf(errors)));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static boolean usesDpopScheme(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5);
    }

    /** {@link #write(ServerWebExchange, AuthError)} as a functional endpoint's response. */
    public Mono<ServerResponse> response(AuthError error) {
        return ServerResponse.status(error.status()).build((exchange, context) -> write(exchange, error));
    }

    /** A functional endpoint's 405, naming the methods it serves (RFC 9110 §15.5.6). */
    public Mono<ServerResponse> methodNotAllowed(String detail, HttpMethod... allowed) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .allow(allowed)
                .build((exchange, context) -> write(exchange, HttpStatus.METHOD_NOT_ALLOWED, detail));
    }

    /**
     * An RFC 6749 §5.2 error. A 401 names the Basic scheme, as RFC 9110 §11.6.1 requires of a 401 and §5.2 asks when
     * the client tried Basic (a client that sent its secret in the body can ignore it); a 405 says POST is allowed,
     * the only method of every OAuth2 endpoint.
     */
    public Mono<ServerResponse> oauth(ServerRequest request, AuthError error) {
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
        String code = error.code() == null ? "invalid_request" : error.code();
        return response.bodyValue(new OAuthErrorBody(code, error.description(), RequestId.of(request.exchange()),
                TraceId.of(request.exchange())));
    }

    /**
     * The JSON of a problem detail, for a refusal written outside WebFlux, where there is no path and no request id
     * yet: a request Netty could not decode.
     */
    public byte[] body(HttpStatus status, String detail) {
        return body(status, detail, null, null, null);
    }

    private byte[] body(HttpStatus status, String detail, @Nullable String path, @Nullable String code,
            @Nullable String requestId) {
        return json.writeValueAsBytes(
                new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, path, code, requestId,
                        null, null));
    }

    /**
     * The RFC 9457 members we use, plus {@code error}, {@code request_id} and {@code trace_id}.
     *
     * @param type      always {@code about:blank}: the status says it all
     * @param title     the status's reason phrase
     * @param status    the HTTP status
     * @param detail    our fixed description
     * @param instance  the request path, absent when the request could not be read
     * @param error     the RFC 6750 code, absent when no credentials were sent; else one of our own codes
     * @param requestId the {@code X-Request-Id} (an RFC 9457 §3.2 extension member)
     * @param traceId   the id of the request's trace, while tracing is on (an extension member too)
     * @param errors    for a refused body, the problem of each member at fault, as RFC 9457 §3's example lists them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, @Nullable String instance,
            @Nullable String error, @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("trace_id") @Nullable String traceId, @Nullable List<InvalidField> errors) {
    }

    /**
     * The JSON body of RFC 6749 §5.2, plus the request id (§5.2 leaves room for more members; clients ignore them).
     *
     * @param error       the error code
     * @param description the {@code error_description}
     * @param requestId   the {@code X-Request-Id}
     * @param traceId     the id of the request's trace, while tracing is on
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OAuthErrorBody(String error, @JsonProperty("error_description") String description,
            @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("trace_id") @Nullable String traceId) {
    }
}
