package io.jwtgateway.gateway.token;

import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads the body of a request to an OAuth2 endpoint (token, revocation, introspection):
 * {@code application/x-www-form-urlencoded} in UTF-8 (RFC 6749 §4.4.2, Appendix B), at most
 * {@link BoundedBody#MAX_BYTES}, well-formed, each parameter at most once (RFC 6749 §3.2). Every problem is an
 * {@code invalid_request}.
 */
@Component
class FormReader {

    /** The 405 of the form endpoints that take POST alone (revocation, introspection). */
    static final AuthError POST_ONLY = AuthError.methodNotAllowed("Use POST");

    Mono<FormParameters> read(ServerRequest request) {
        if (!FormParameters.isUtf8Form(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE))) {
            return AuthError.invalidRequest("Content-Type must be application/x-www-form-urlencoded").reject();
        }
        return BoundedBody.read(request.body(BodyExtractors.toDataBuffers()))
                .onErrorResume(BoundedBody.TooLargeException.class,
                        ex -> AuthError.invalidRequest("request body must be at most " + BoundedBody.MAX_BYTES
                                + " bytes").reject())
                .flatMap(FormReader::decode);
    }

    /** The parameter's value, or {@code invalid_request} naming it when it is missing or empty (RFC 6749 §3.1). */
    Mono<String> required(FormParameters form, String name) {
        return form.get(name)
                .map(Mono::just)
                .orElseGet(() -> AuthError.invalidRequest("The " + name + " parameter is required").reject());
    }

    private static Mono<FormParameters> decode(byte[] body) {
        return FormParameters.decode(body)
                .map(FormReader::once)
                .orElseGet(() -> AuthError.invalidRequest("body must be form-urlencoded UTF-8").reject());
    }

    private static Mono<FormParameters> once(FormParameters form) {
        return form.hasRepeatedName()
                ? AuthError.invalidRequest("each parameter may be sent once").reject()
                : Mono.just(form);
    }
}
