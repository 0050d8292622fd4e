package io.jwtgateway.gateway.clients;

import java.util.Map;

import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.StrictJson;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads the JSON body of a change: at most {@link BoundedBody#MAX_BYTES}, {@code application/json} (or
 * {@code application/…+json}, such as {@code merge-patch+json}), exactly one object without duplicate keys. Anything
 * else is {@link ClientRejections#invalidBody}.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body's members; with {@code optional}, an absent body is an empty object. */
    public static Mono<Map<?, ?>> read(ServerRequest request, boolean optional) {
        return BoundedBody.read(request.body(BodyExtractors.toDataBuffers()))
                .onErrorResume(BoundedBody.TooLargeException.class, ex -> ClientRejections.invalidBody(
                        "The body must be at most " + BoundedBody.MAX_BYTES + " bytes").reject())
                .flatMap(body -> members(request, body, optional));
    }

    private static Mono<Map<?, ?>> members(ServerRequest request, byte[] body, boolean optional) {
        if (body.length == 0) {
            return optional
                    ? Mono.just(Map.of())
                    : ClientRejections.invalidBody("The body must be a JSON object").reject();
        }
        if (!StrictJson.isJson(request.headers().firstHeader(HttpHeaders.CONTENT_TYPE))) {
            return ClientRejections.invalidBody("Content-Type must be application/json").reject();
        }
        return StrictJson.readObject(body)
                .<Mono<Map<?, ?>>>map(Mono::just)
                .orElseGet(() -> ClientRejections.invalidBody("The body must be one JSON object without duplicate keys")
                        .reject());
    }
}
