package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.crypto.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * A client of the gateway's token endpoints: its metadata and its keys.
 *
 * @param clientId               its id: the OAuth2 {@code client_id} and the tokens' {@code client_id} claim
 * @param metadata               what its tokens carry and how it may get them
 * @param issuedAt               when it was registered ({@code client_id_issued_at}, RFC 7591 §3.2.1)
 * @param tokensNotBefore        tokens issued before this instant are refused (set when the client is disabled);
 *                               null for none
 * @param keys                   its keys, revoked ones included until no token they got can still be valid
 * @param registrationTokenHash  the hex SHA-256 of its RFC 7592 registration access token; null when it was not
 *                               registered through RFC 7591
 * @param readOnly               a key of {@code gateway.auth.api-keys} (or the demo key): changed by configuration only
 */
public record Client(String clientId, ClientMetadata metadata, Instant issuedAt, @Nullable Instant tokensNotBefore,
        List<ClientKey> keys, @Nullable String registrationTokenHash, boolean readOnly) {

    public Client {
        keys = List.copyOf(keys);
    }

    public boolean isActive() {
        return metadata.status() == ClientStatus.ACTIVE;
    }

    /** The key of that id, revoked or not. */
    public Optional<ClientKey> key(String keyId) {
        return keys.stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    /** The keys that count against {@code max-keys-per-client}: those not revoked, expired ones included. */
    public long heldKeys() {
        return keys.stream().filter(key -> !key.isRevoked()).count();
    }

    /** Whether {@code presented} is its RFC 7592 registration access token, compared in constant time. */
    public boolean hasRegistrationToken(String presented) {
        if (registrationTokenHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(registrationTokenHash);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, Sha256.digest(presented.getBytes(UTF_8)));
    }

    /** How long its tokens live: its own lifetime or {@code fallback}, never above {@code max}. */
    public Duration tokenLifetime(Duration fallback, Duration max) {
        Duration own = metadata.tokenLifetime() == null ? fallback : metadata.tokenLifetime();
        return own.compareTo(max) > 0 ? max : own;
    }

    Client withMetadata(ClientMetadata changed, @Nullable Instant notBefore) {
        return new Client(clientId, changed, issuedAt, notBefore, keys, registrationTokenHash, readOnly);
    }

    Client withKey(ClientKey key) {
        List<ClientKey> more = new ArrayList<>(keys);
        more.add(key);
        return new Client(clientId, metadata, issuedAt, tokensNotBefore, more, registrationTokenHash, readOnly);
    }

    Client withKeys(List<ClientKey> changed) {
        return new Client(clientId, metadata, issuedAt, tokensNotBefore, changed, registrationTokenHash, readOnly);
    }

    @Override
    public String toString() {                          // the registration token's hash is a secret too
        return "Client[clientId=%s, metadata=%s, issuedAt=%s, tokensNotBefore=%s, keys=%s, readOnly=%s]".formatted(
                clientId, metadata, issuedAt, tokensNotBefore, keys, readOnly);
    }
}
