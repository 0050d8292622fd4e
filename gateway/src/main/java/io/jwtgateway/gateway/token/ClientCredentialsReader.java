package io.jwtgateway.gateway.token;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.http.FormEncoding;
import io.jwtgateway.gateway.http.FormParameters;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Finds a client's credentials (RFC 6749 §2.3.1): HTTP Basic, or {@code client_id} and {@code client_secret} in the
 * body. Exactly one of the two, since a client must not use more than one method in a request. Only reads and
 * decodes; whether the credentials are right is the client registry's call.
 */
@Component
class ClientCredentialsReader {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";

    private static final String BASIC = "Basic ";

    Mono<ClientCredentials> read(ServerRequest request, FormParameters form) {
        List<String> authorization = request.headers().header(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return fromForm(form);
        }
        if (authorization.size() > 1) {
            return AuthError.invalidRequest("send one Authorization header").reject();
        }
        if (form.get(CLIENT_SECRET).isPresent()) {
            return AuthError.invalidRequest("authenticate with HTTP Basic or with client_secret, not both").reject();
        }
        return fromBasic(authorization.get(0))
                .flatMap(client -> sameClientId(client, form));
    }

    private Mono<ClientCredentials> fromForm(FormParameters form) {
        Optional<String> clientId = form.get(CLIENT_ID);
        Optional<String> secret = form.get(CLIENT_SECRET);
        if (secret.isPresent() && clientId.isEmpty()) {
            return AuthError.invalidRequest("client_secret needs client_id").reject();
        }
        if (secret.isEmpty()) {                         // no public clients here: a secret is always required
            return AuthError.invalidClient(AuthOutcome.MISSING,
                    "client authentication required: HTTP Basic, or client_id and client_secret").reject();
        }
        return Mono.just(new ClientCredentials(clientId.get(), secret.get()));
    }

    /**
     * RFC 6749 §2.3.1: the id and secret are each form-urlencoded, then joined by a colon and base64-encoded
     * (RFC 7617 §2). The scheme name is case-insensitive.
     */
    private Mono<ClientCredentials> fromBasic(String authorization) {
        if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return AuthError.invalidClient(AuthOutcome.INVALID_REQUEST,
                    "unsupported client authentication: use HTTP Basic, or client_id and client_secret").reject();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip());
        } catch (IllegalArgumentException notBase64) {
            return malformedBasic();
        }
        int colon = FormEncoding.indexOf(decoded, (byte) ':', 0, decoded.length);
        if (colon == decoded.length) {
            return malformedBasic();
        }
        Optional<String> clientId = FormEncoding.decode(decoded, 0, colon);
        Optional<String> secret = FormEncoding.decode(decoded, colon + 1, decoded.length);
        if (clientId.isEmpty() || secret.isEmpty()) {
            return malformedBasic();
        }
        return Mono.just(new ClientCredentials(clientId.get(), secret.get()));
    }

    /** RFC 6749 §3.2.1 lets a client name itself in the body too; it has to be the client it authenticated as. */
    private Mono<ClientCredentials> sameClientId(ClientCredentials client, FormParameters form) {
        return form.get(CLIENT_ID).filter(id -> !id.equals(client.clientId())).isPresent()
                ? AuthError.invalidRequest("client_id differs from the client authenticated with HTTP Basic").reject()
                : Mono.just(client);
    }

    private static Mono<ClientCredentials> malformedBasic() {
        return AuthError.invalidRequest("malformed HTTP Basic credentials: base64 of form-urlencoded "
                + "client_id ':' client_secret").reject();
    }
}
