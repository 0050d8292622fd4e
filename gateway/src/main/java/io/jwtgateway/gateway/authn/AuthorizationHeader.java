package io.jwtgateway.gateway.authn;

import java.util.List;

import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the token from {@code Authorization: Bearer <token>} (RFC 6750 §2.1) or {@code Authorization: DPoP <token>}
 * (RFC 9449 §7.1): the scheme in any case, exactly one header and one credential. Another scheme means no token was
 * sent (an empty result); anything unclear is {@code invalid_request}.
 */
final class AuthorizationHeader {

    private static final String BEARER = "bearer";
    private static final String DPOP = "dpop";

    private AuthorizationHeader() {
    }

    /** The credential in the {@code Authorization} header values, empty for another scheme. */
    static Mono<Credential> credential(ServerWebExchange exchange, List<String> values) {
        if (values.size() != 1) {
            return AuthError.invalidRequest("Send exactly one Authorization header").reject();
        }
        String value = values.get(0).strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        boolean dpop = scheme.equalsIgnoreCase(DPOP);
        if (!dpop && !scheme.equalsIgnoreCase(BEARER)) {
            return space < 0
                    ? AuthError.invalidRequest("The Authorization header is malformed").reject()
                    : Mono.empty();                     // another scheme: no token was sent
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            return AuthError.invalidRequest("The " + (dpop ? "DPoP" : "Bearer") + " credentials are empty").reject();
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == ',')) {
            return AuthError.invalidRequest("The Authorization header holds more than one credential").reject();
        }
        return Mono.just(new Credential(exchange, token, dpop));
    }
}
