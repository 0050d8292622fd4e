package io.jwtgateway.gateway.registration;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientKey;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.clients.GrantType;
import org.jspecify.annotations.Nullable;

/**
 * A client's registration as RFC 7591 §3.2.1 and RFC 7592 §3 answer it: its id, the secret and the registration access
 * token when just made, where to manage it, and its metadata, our own members ({@code subject}, {@code roles},
 * {@code token_lifetime}, {@code rate_limit}) included.
 *
 * @param clientId                {@code client_id}
 * @param clientSecret            {@code client_secret}, an API key: in the registration's answer only
 * @param issuedAt                {@code client_id_issued_at}
 * @param secretExpiresAt         {@code client_secret_expires_at}, 0 for never; with the secret only
 * @param registrationToken       {@code registration_access_token}: in the registration's answer only
 * @param registrationUri         {@code registration_client_uri}
 * @param clientName              {@code client_name}
 * @param grantTypes              {@code grant_types}
 * @param scope                   {@code scope}, space-separated; absent for none
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}: {@code client_secret_basic}, though
 *                                {@code client_secret_post} works as well
 * @param dpopBound               {@code dpop_bound_access_tokens} (RFC 9449 §5.2)
 * @param subject                 the {@code sub} of its tokens
 * @param roles                   the roles of its tokens
 * @param tokenLifetime           its tokens' lifetime in seconds; absent for the gateway's
 * @param rateLimit               its own rate limit; absent for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RegistrationResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") @Nullable String clientSecret,
        @JsonProperty("client_id_issued_at") long issuedAt,
        @JsonProperty("client_secret_expires_at") @Nullable Long secretExpiresAt,
        @JsonProperty("registration_access_token") @Nullable String registrationToken,
        @JsonProperty("registration_client_uri") String registrationUri,
        @JsonProperty("client_name") @Nullable String clientName,
        @JsonProperty("grant_types") List<String> grantTypes,
        @Nullable String scope,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("dpop_bound_access_tokens") boolean dpopBound,
        String subject,
        List<String> roles,
        @JsonProperty("token_lifetime") @Nullable Long tokenLifetime,
        @JsonProperty("rate_limit") @Nullable Map<String, Integer> rateLimit) {

    static final String CLIENT_SECRET_BASIC = "client_secret_basic";

    /** The answer about {@code client}; with {@code secret} (its key just made) and the token, the registration's. */
    static RegistrationResponse of(Client client, String registrationUri, @Nullable ClientKey key,
            @Nullable String secret, @Nullable String registrationToken) {
        ClientMetadata metadata = client.metadata();
        Long expiresAt = secret == null || key == null ? null
                : key.expiresAt() == null ? 0L : key.expiresAt().getEpochSecond();
        return new RegistrationResponse(client.clientId(), secret, client.issuedAt().getEpochSecond(), expiresAt,
                registrationToken, registrationUri, metadata.name(),
                metadata.orderedGrantTypes().stream().map(GrantType::value).toList(),
                metadata.scopes().isEmpty() ? null : String.join(" ", metadata.scopes()),
                CLIENT_SECRET_BASIC, metadata.dpopBound(), metadata.subject(), metadata.roles(),
                metadata.tokenLifetime() == null ? null : metadata.tokenLifetime().toSeconds(),
                metadata.rateLimit() == null ? null : Map.of("replenish_rate", metadata.rateLimit().replenishRate(),
                        "burst_capacity", metadata.rateLimit().burstCapacity()));
    }

    @Override
    public String toString() {                          // the secret and the token are credentials
        return "RegistrationResponse[clientId=" + clientId + "]";
    }
}
