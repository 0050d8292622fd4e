package io.jwtgateway.gateway.http;

/**
 * The paths of the gateway's own endpoints, served ahead of its routes: each written once, here, for the endpoint
 * that serves it, the rate limit that counts it and the metadata that names it.
 */
public final class EndpointPaths {

    /** The seed's endpoint: an API key for a token. */
    public static final String TOKEN = "/api/v3/auth";

    /** Logout: revokes the caller's own Bearer token. */
    public static final String LOGOUT = "/api/v3/auth/revoke";

    /** The OAuth 2.0 token endpoint, for the client credentials grant (RFC 6749 §3.2). */
    public static final String OAUTH_TOKEN = "/oauth2/token";

    /** Token revocation (RFC 7009). */
    public static final String OAUTH_REVOKE = "/oauth2/revoke";

    /** Token introspection (RFC 7662). */
    public static final String OAUTH_INTROSPECT = "/oauth2/introspect";

    /** Dynamic client registration (RFC 7591 §3); a client's own registration is beneath it (RFC 7592). */
    public static final String OAUTH_REGISTER = "/oauth2/register";

    /** The JWK set (RFC 7517 §5). */
    public static final String JWKS = "/.well-known/jwks.json";

    /** Authorization server metadata (RFC 8414 §3), under the issuer's path when it has one. */
    public static final String METADATA = "/.well-known/oauth-authorization-server";

    private EndpointPaths() {
    }
}
