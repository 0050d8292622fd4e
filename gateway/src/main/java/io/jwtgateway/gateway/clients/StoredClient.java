package io.jwtgateway.gateway.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A registered client as the shared store keeps it: one JSON document under its client id, with RFC 7591 §2's names,
 * times in seconds since the epoch, and only hashes of its secrets. Read leniently (a member of a later version is
 * skipped), then checked: a document that does not make a client is {@link InvalidDocumentException}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredClient(
        @JsonProperty("client_id") @Nullable String clientId,
        @JsonProperty("client_name") @Nullable String clientName,
        @Nullable String subject,
        @Nullable List<String> roles,
        @Nullable String scope,
        @JsonProperty("grant_types") @Nullable List<String> grantTypes,
        @JsonProperty("token_lifetime") @Nullable Long tokenLifetime,
        @JsonProperty("rate_limit") @Nullable StoredLimit rateLimit,
        @JsonProperty("dpop_bound_access_tokens") @Nullable Boolean dpopBound,
        @Nullable String status,
        @JsonProperty("client_id_issued_at") @Nullable Long issuedAt,
        @JsonProperty("tokens_not_before") @Nullable Long tokensNotBefore,
        @JsonProperty("registration_access_token_sha256") @Nullable String registrationTokenHash,
        @Nullable List<StoredKey> keys,
        @JsonProperty("token_exchange_audiences") @Nullable List<String> exchangeAudiences) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static String write(Client client) {
        ClientMetadata metadata = client.metadata();
        return JSON.writeValueAsString(new StoredClient(
                client.clientId(),
                metadata.name(),
                metadata.subject(),
                metadata.roles(),
                metadata.scopes().isEmpty() ? null : String.join(" ", metadata.scopes()),
                metadata.orderedGrantTypes().stream().map(GrantType::value).toList(),
                metadata.tokenLifetime() == null ? null : metadata.tokenLifetime().toSeconds(),
                metadata.rateLimit() == null ? null : StoredLimit.of(metadata.rateLimit()),
                metadata.dpopBound(),
                metadata.status().value(),
                client.issuedAt().getEpochSecond(),
                client.tokensNotBefore() == null ? null : client.tokensNotBefore().getEpochSecond(),
                client.registrationTokenHash(),
                client.keys().stream().map(StoredKey::of).toList(),
                metadata.exchangeAudiences().isEmpty() ? null : metadata.exchangeAudiences()));
    }

    /** The client a document holds; {@link InvalidDocumentException} naming what is wrong, never quoting it. */
    static Client read(String json) {
        StoredClient stored;
        try {
            stored = JSON.readValue(json, StoredClient.class);
        } catch (JacksonException ex) {
            throw new InvalidDocumentException("is not a client document");
        }
        return stored.toClient();
    }

    private Client toClient() {
        String id = required(clientId, "client_id");
        List<GrantType> grants = new ArrayList<>();
        for (String grant : grantTypes == null ? List.<String>of() : grantTypes) {
            grants.add(
                    GrantType.of(grant).orElseThrow(() -> new InvalidDocumentException("has an unknown grant type")));
        }
        if (grants.isEmpty()) {
            throw new InvalidDocumentException("has no grant types");
        }
        ClientMetadata metadata = new ClientMetadata(clientName, required(subject, "subject"),
                roles == null ? List.of() : roles,
                scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +")),
                Set.copyOf(grants),
                tokenLifetime == null ? null : Duration.ofSeconds(tokenLifetime),
                rateLimit == null ? null : rateLimit.toLimit(),
                Boolean.TRUE.equals(dpopBound),
                ClientStatus.of(required(status, "status"))
                        .orElseThrow(() -> new InvalidDocumentException("has an unknown status")),
                exchangeAudiences == null ? List.of() : exchangeAudiences);
        List<ClientKey> clientKeys = new ArrayList<>();
        Set<String> keyIds = new LinkedHashSet<>();
        for (StoredKey key : keys == null ? List.<StoredKey>of() : keys) {
            ClientKey read = key.toKey();
            if (!keyIds.add(read.keyId())) {
                throw new InvalidDocumentException("has two keys of one id");
            }
            clientKeys.add(read);
        }
        return new Client(id, metadata, Instant.ofEpochSecond(issuedAt == null ? 0 : issuedAt),
                tokensNotBefore == null ? null : Instant.ofEpochSecond(tokensNotBefore), clientKeys,
                registrationTokenHash, false);
    }

    private static String required(@Nullable String value, String member) {
        if (value == null || value.isEmpty()) {
            throw new InvalidDocumentException("has no " + member);
        }
        return value;
    }

    @Override
    public String toString() {                          // the registration token's hash is a secret too
        return "StoredClient[clientId=" + clientId + "]";
    }

    /**
     * A rate limit in JSON, here and in the operator API.
     *
     * @param replenishRate requests added per second
     * @param burstCapacity the most requests at once
     */
    record StoredLimit(@JsonProperty("replenish_rate") int replenishRate,
            @JsonProperty("burst_capacity") int burstCapacity) {

        static StoredLimit of(Limit limit) {
            return new StoredLimit(limit.replenishRate(), limit.burstCapacity());
        }

        Limit toLimit() {
            return new Limit(replenishRate, burstCapacity);
        }
    }

    /**
     * One key as stored.
     *
     * @param keyId     the public key id
     * @param sha256    the hex SHA-256 of the whole key
     * @param createdAt when it was made
     * @param expiresAt when it expires; absent for never
     * @param revokedAt when it was revoked; absent while it is not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredKey(@JsonProperty("key_id") @Nullable String keyId, @Nullable String sha256,
            @JsonProperty("created_at") @Nullable Long createdAt,
            @JsonProperty("expires_at") @Nullable Long expiresAt,
            @JsonProperty("revoked_at") @Nullable Long revokedAt) {

        static StoredKey of(ClientKey key) {
            return new StoredKey(key.keyId(), HexFormat.of().formatHex(key.sha256()),
                    key.createdAt().getEpochSecond(),
                    key.expiresAt() == null ? null : key.expiresAt().getEpochSecond(),
                    key.revokedAt() == null ? null : key.revokedAt().getEpochSecond());
        }

        ClientKey toKey() {
            String id = required(keyId, "key_id");
            byte[] hash;
            try {
                hash = HexFormat.of().parseHex(required(sha256, "sha256"));
            } catch (IllegalArgumentException notHex) {
                throw new InvalidDocumentException("has a key hash that is not hex");
            }
            if (hash.length != 32) {
                throw new InvalidDocumentException("has a key hash that is not a SHA-256");
            }
            return new ClientKey(id, hash, Instant.ofEpochSecond(createdAt == null ? 0 : createdAt),
                    expiresAt == null ? null : Instant.ofEpochSecond(expiresAt),
                    revokedAt == null ? null : Instant.ofEpochSecond(revokedAt));
        }

        @Override
        public String toString() {                      // the hash of a key is a secret too
            return "StoredKey[keyId=" + keyId + "]";
        }
    }

    /** A stored document that makes no client: skipped, and logged with its id only. */
    static final class InvalidDocumentException extends RuntimeException {

        InvalidDocumentException(String what) {
            super(what, null, false, false);
        }
    }
}
