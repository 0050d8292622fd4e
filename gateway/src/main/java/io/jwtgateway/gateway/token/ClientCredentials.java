package io.jwtgateway.gateway.token;

/**
 * The client id and secret a client authenticated with (RFC 6749 §2.3.1), decoded.
 *
 * @param clientId the client id
 * @param secret   the client secret: an API key
 */
record ClientCredentials(String clientId, String secret) {

    @Override
    public String toString() {                          // the secret is an API key
        return "ClientCredentials[clientId=" + clientId + "]";
    }
}
