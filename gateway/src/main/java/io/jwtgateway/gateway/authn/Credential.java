package io.jwtgateway.gateway.authn;

import org.springframework.web.server.ServerWebExchange;

/**
 * A token a request presented, and the exchange to carry on with: the same one, or one that replays the body read
 * to find the token.
 *
 * @param exchange the exchange to pass downstream
 * @param token    the compact token, not yet verified
 */
public record Credential(ServerWebExchange exchange, String token) {

    @Override
    public String toString() {                          // the token is a credential
        return "Credential[" + exchange.getRequest().getPath() + "]";
    }
}
