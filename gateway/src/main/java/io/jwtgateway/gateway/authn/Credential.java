package io.jwtgateway.gateway.authn;

import org.springframework.web.server.ServerWebExchange;

/**
 * A token a request presented, and the exchange to carry on with: the same one, or one that replays the body read
 * to find the token.
 *
 * @param exchange the exchange to pass downstream
 * @param token    the compact token, not yet verified
 * @param dpop     whether it came as {@code Authorization: DPoP}, so that a DPoP proof must go with it; every other
 *                 way of presenting a token (Bearer, the query, the cookie, the body) is a bearer one
 */
public record Credential(ServerWebExchange exchange, String token, boolean dpop) {

    /** A bearer token. */
    Credential(ServerWebExchange exchange, String token) {
        this(exchange, token, false);
    }

    @Override
    public String toString() {                          // the token is a credential
        return "Credential[" + exchange.getRequest().getPath() + ", dpop=" + dpop + "]";
    }
}
