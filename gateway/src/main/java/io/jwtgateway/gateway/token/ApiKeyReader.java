package io.jwtgateway.gateway.token;

import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.StrictJson;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Finds the API key in a token request: the JSON body {@code {"api-key": "..."}} (on POST, and on GET as the seed's
 * clients send it), or the {@code X-API-Key} header with no body. Exactly one of the two; anything unclear is a 400.
 */
@Component
class ApiKeyReader {

    static final String HEADER = "X-API-Key";
    static final String FIELD = "api-key";

    Mono<String> read(ServerRequest request) {
        return BoundedBody.read(request.body(BodyExtractors.toDataBuffers()))
                .onErrorResume(BoundedBody.TooLargeException.class,
                        ex -> AuthError.invalidRequest("request body must be at most "
                                + BoundedBody.MAX_BYTES + " bytes").reject())
                .flatMap(body -> body.length == 0 ? fromHeader(request) : fromBody(request, body));
    }

    private Mono<String> fromHeader(ServerRequest request) {
        List<String> values = request.headers().header(HEADER);
        if (values.isEmpty()) {
            return AuthError.missingCredentials(
                    "missing api key: send {\"api-key\": \"<key>\"} as JSON or the X-API-Key header").reject();
        }
        if (values.size() > 1 || values.get(0).isBlank()) {
            return AuthError.invalidRequest("X-API-Key must hold exactly one key").reject();
        }
        return Mono.just(values.get(0));
    }

    private Mono<String> fromBody(ServerRequest request, byte[] body) {
        if (!request.headers().header(HEADER).isEmpty()) {
            return AuthError.invalidRequest("send the api key in the JSON body or in X-API-Key, not both").reject();
        }
        if (!StrictJson.isJson(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE))) {
            return AuthError.invalidRequest("Content-Type must be application/json").reject();
        }
        return StrictJson.readObject(body)
                .map(this::keyField)
                .orElseGet(() -> AuthError.invalidRequest("body must be one JSON object without duplicate keys")
                        .reject());
    }

    private Mono<String> keyField(Map<?, ?> members) {
        Object key = members.get(FIELD);
        if (key == null) {
            return AuthError.missingCredentials("missing api key: the body needs an \"api-key\" field").reject();
        }
        if (!(key instanceof String text)) {
            return AuthError.invalidRequest("\"api-key\" must be a string").reject();
        }
        if (text.isBlank()) {
            return AuthError.invalidRequest("\"api-key\" must not be empty").reject();
        }
        return Mono.just(text);
    }
}
