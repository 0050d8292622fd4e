package io.jwtgateway.gateway.token;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.crypto.Sha256;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys that may obtain a token, known only by their SHA-256. With none configured, one demo key is generated
 * and shown once at startup, as Spring Security does with its generated password.
 */
@Component
class ApiKeys {

    static final String DEMO_SUBJECT = "demo";
    static final List<String> DEMO_ROLES = List.of("user");
    static final String DEMO_CLIENT_ID = "demo";

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final List<Entry> entries;

    ApiKeys(AuthProperties properties) {
        List<ApiKey> keys = properties.apiKeys().isEmpty() ? List.of(demoKey()) : properties.apiKeys();
        this.entries = keys.stream().map(key -> new Entry(HexFormat.of().parseHex(key.sha256()), key)).toList();
    }

    /**
     * The key's owner, if any. Every entry is compared, in constant time, so the time taken says nothing about which
     * entry or how many bytes matched.
     */
    Optional<ApiKey> find(String presented) {
        byte[] hash = Sha256.digest(presented.getBytes(UTF_8));
        @Nullable ApiKey match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(hash, entry.sha256())) {
                match = entry.key();
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * The key registered for an OAuth2 client whose secret is {@code secret}, if any (RFC 6749 §2.3.1). The secret is
     * hashed and compared against every entry whatever the client id, so an unknown id takes as long as a wrong secret.
     */
    Optional<ApiKey> findClient(String clientId, String secret) {
        return find(secret).filter(key -> clientId.equals(key.clientId()));
    }

    private static ApiKey demoKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // The one deliberate print of a secret: a local-use key, shown once and labelled.
        log.warn("""
                No gateway.auth.api-keys configured: generated a demo API key for local use only \
                (subject '{}', roles {}, OAuth2 client id '{}'). Configure gateway.auth.api-keys for real clients.

                Demo API key: {}
                """, DEMO_SUBJECT, DEMO_ROLES, DEMO_CLIENT_ID, key);
        return new ApiKey(Sha256.hex(key.getBytes(UTF_8)), DEMO_SUBJECT, DEMO_ROLES,
                DEMO_CLIENT_ID, List.of());
    }

    private record Entry(byte[] sha256, ApiKey key) {
        @Override
        public String toString() {
            return key.toString();
        }
    }
}
