package io.jwtgateway.gateway.discovery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.http.EndpointPaths;

/**
 * The gateway's RFC 8414 §2 authorization server metadata: enough for a resource server to find the keys from the
 * issuer alone (Spring Security's {@code issuer-uri}), and for a client to find the token endpoint. There is no
 * authorization endpoint, so no response types.
 *
 * @param issuer                           {@code gateway.auth.issuer}, exactly as configured: the {@code iss} of
 *                                         every token, which RFC 8414 §3.3 requires to match
 * @param tokenEndpoint                    where clients trade credentials for a token
 * @param jwksUri                          the JWK set of the keys that verify the gateway's tokens
 * @param responseTypesSupported           REQUIRED by RFC 8414 §2; empty since no response type is served
 * @param grantTypesSupported              {@code client_credentials} and RFC 8693 token exchange
 * @param tokenEndpointAuthMethodsSupported how clients authenticate at the token endpoint (RFC 6749 §2.3.1)
 * @param revocationEndpoint               RFC 7009 revocation: the token itself is the proof, no client authentication
 * @param revocationEndpointAuthMethods    {@code none}: see above
 * @param introspectionEndpoint            RFC 7662 introspection, for callers with an admin-role Bearer token
 * @param registrationEndpoint             RFC 7591 dynamic client registration, with an admin-role Bearer token as the
 *                                         initial access token
 * @param accessTokenSigningAlgValues      an extension member, not defined by RFC 8414: the JWS {@code alg} values
 *                                         the gateway's tokens are signed with, current first
 * @param dpopSigningAlgValues             the JWS {@code alg} values DPoP proofs may be signed with (RFC 9449 §5.1)
 */
record AuthorizationServerMetadata(
        String issuer,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationEndpointAuthMethods,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("registration_endpoint") String registrationEndpoint,
        @JsonProperty("access_token_signing_alg_values_supported") List<String> accessTokenSigningAlgValues,
        @JsonProperty("dpop_signing_alg_values_supported") List<String> dpopSigningAlgValues) {

    AuthorizationServerMetadata {
        responseTypesSupported = List.copyOf(responseTypesSupported);
        grantTypesSupported = List.copyOf(grantTypesSupported);
        tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
        revocationEndpointAuthMethods = List.copyOf(revocationEndpointAuthMethods);
        accessTokenSigningAlgValues = List.copyOf(accessTokenSigningAlgValues);
        dpopSigningAlgValues = List.copyOf(dpopSigningAlgValues);
    }

    /** The document for an issuer whose URLs start at {@code base}. */
    static AuthorizationServerMetadata of(String issuer, String base, List<String> algorithms,
            List<String> dpopAlgorithms) {
        return new AuthorizationServerMetadata(
                issuer,
                base + EndpointPaths.OAUTH_TOKEN,
                base + EndpointPaths.JWKS,
                List.of(),
                List.of("client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"),
                List.of("client_secret_basic", "client_secret_post"),
                base + EndpointPaths.OAUTH_REVOKE,
                List.of("none"),
                base + EndpointPaths.OAUTH_INTROSPECT,
                base + EndpointPaths.OAUTH_REGISTER,
                algorithms,
                dpopAlgorithms);
    }
}
