package io.jwtgateway.gateway.clients;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.clients.StoredClient.StoredLimit;
import org.jspecify.annotations.Nullable;

/**
 * A client as the operator API shows it: its metadata with RFC 7591 §2's names, its keys by id and state, and when
 * each was last used. Never a key, a hash or the registration access token.
 *
 * @param clientId        {@code client_id}
 * @param clientName      {@code client_name}, absent for none
 * @param subject         the {@code sub} of its tokens
 * @param roles           the roles of its tokens
 * @param scope           the scopes it may be granted, space-separated; absent for none
 * @param grantTypes      how it may get tokens
 * @param tokenLifetime   its tokens' lifetime in seconds; absent for {@code gateway.auth.token-ttl}
 * @param rateLimit       its own rate limit; absent for none
 * @param dpopBound       whether its tokens must be DPoP-bound
 * @param status          {@code active} or {@code disabled}
 * @param readOnly        a client of {@code gateway.auth.api-keys}, which only the configuration changes
 * @param issuedAt        {@code client_id_issued_at}, seconds since the epoch
 * @param tokensNotBefore its tokens issued before this second are refused; absent for none
 * @param keys            its keys
 * @param exchangeAudiences the services it may exchange a token for; absent when it may not exchange
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") @Nullable String clientName,
        String subject,
        List<String> roles,
        @Nullable String scope,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("token_lifetime") @Nullable Long tokenLifetime,
        @JsonProperty("rate_limit") @Nullable StoredLimit rateLimit,
        @JsonProperty("dpop_bound_access_tokens") boolean dpopBound,
        String status,
        @JsonProperty("read_only") boolean readOnly,
        @JsonProperty("client_id_issued_at") long issuedAt,
        @JsonProperty("tokens_not_before") @Nullable Long tokensNotBefore,
        List<KeyView> keys,
        @JsonProperty("token_exchange_audiences") @Nullable List<String> exchangeAudiences) {

    /** The view of {@code client} at {@code now}, each key's last use read from {@code lastUse}. */
    public static ClientView of(Client client, Instant now, Function<String, @Nullable Instant> lastUse) {
        ClientMetadata metadata = client.metadata();
        return new ClientView(client.clientId(), metadata.name(), metadata.subject(), metadata.roles(),
                metadata.scopes().isEmpty() ? null : String.join(" ", metadata.scopes()),
                metadata.orderedGrantTypes().stream().map(GrantType::value).toList(),
                metadata.tokenLifetime() == null ? null : metadata.tokenLifetime().toSeconds(),
                metadata.rateLimit() == null ? null : StoredLimit.of(metadata.rateLimit()),
                metadata.dpopBound(), metadata.status().value(), client.readOnly(),
                client.issuedAt().getEpochSecond(),
                client.tokensNotBefore() == null ? null : client.tokensNotBefore().getEpochSecond(),
                client.keys().stream().map(key -> KeyView.of(key, now, lastUse.apply(key.keyId()))).toList(),
                metadata.exchangeAudiences().isEmpty() ? null : metadata.exchangeAudiences());
    }

    /**
     * One key, without its hash.
     *
     * @param keyId      its public id, as tokens' {@code key_id} names it
     * @param status     {@code active}, {@code expired} or {@code revoked}
     * @param createdAt  when it was made
     * @param expiresAt  when it expires; absent for never
     * @param revokedAt  when it was revoked; absent while it is not
     * @param lastUsedAt when it last got a token, as far as this replica knows; absent for never
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(
            @JsonProperty("key_id") String keyId,
            String status,
            @JsonProperty("created_at") long createdAt,
            @JsonProperty("expires_at") @Nullable Long expiresAt,
            @JsonProperty("revoked_at") @Nullable Long revokedAt,
            @JsonProperty("last_used_at") @Nullable Long lastUsedAt) {

        static KeyView of(ClientKey key, Instant now, @Nullable Instant lastUse) {
            return new KeyView(key.keyId(), key.state(now).value(), key.createdAt().getEpochSecond(),
                    key.expiresAt() == null ? null : key.expiresAt().getEpochSecond(),
                    key.revokedAt() == null ? null : key.revokedAt().getEpochSecond(),
                    lastUse == null ? null : lastUse.getEpochSecond());
        }
    }
}
