package io.jwtgateway.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.observe.RequestId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal as an RFC 9457 problem detail with an {@code error} member (the RFC 6750 code for a credential
 * problem, or one of our own codes: {@code temporarily_unavailable}, {@code rate_limited}, {@code backend_unavailable},
 * {@code backend_timeout}) and the request's {@code X-Request-Id}, so a client reporting an error can name the request.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, @Nullable String code) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        byte[] body = body(status, detail, exchange.getRequest().getPath().value(), code, RequestId.of(exchange));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /**
     * The JSON of a problem detail, for a refusal written outside WebFlux, where there may be no path and no request
     * id yet: a request Netty could not decode.
     */
    public byte[] body(HttpStatus status, String detail, @Nullable String path, @Nullable String code,
                       @Nullable String requestId) {
        return json.writeValueAsBytes(
                new Problem("about:blank", status.getReasonPhrase(), status.value(), detail, path, code, requestId));
    }

    /**
     * The RFC 9457 members we use, plus {@code error} and {@code request_id}.
     *
     * @param type      always {@code about:blank}: the status says it all
     * @param title     the status's reason phrase
     * @param status    the HTTP status
     * @param detail    our fixed description
     * @param instance  the request path, absent when the request could not be read
     * @param error     the RFC 6750 code, absent when no credentials were sent; else one of our own codes
     * @param requestId the {@code X-Request-Id} (an RFC 9457 §3.2 extension member)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, @Nullable String instance,
                   @Nullable String error, @JsonProperty("request_id") @Nullable String requestId) {
    }
}
