package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.crypto.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of {@code gateway.auth.api-keys} as read-only clients, one each: its {@code client-id}, or
 * {@code config-<index>} without one; key id {@code config-<index>}; grant type {@code api_key}, and
 * {@code client_credentials} too when it has a client id, and its {@code exchange-audiences}. With none configured, one demo key is generated and shown
 * once at startup, as Spring Security does with its generated password.
 */
final class ConfiguredClients {

    static final String DEMO_CLIENT_ID = "demo";
    static final String DEMO_SUBJECT = "demo";
    static final List<String> DEMO_ROLES = List.of("user");
    static final String CONFIG_PREFIX = "config-";

    private static final Logger log = LoggerFactory.getLogger(ConfiguredClients.class);

    private ConfiguredClients() {
    }

    static List<Client> of(AuthProperties properties, Instant now) {
        if (properties.apiKeys().isEmpty()) {
            return List.of(demo(now));
        }
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < properties.apiKeys().size(); i++) {
            ApiKey key = properties.apiKeys().get(i);
            String id = key.clientId() == null ? CONFIG_PREFIX + i : key.clientId();
            Set<GrantType> grants = key.clientId() == null
                    ? EnumSet.of(GrantType.API_KEY)
                    : EnumSet.of(GrantType.API_KEY, GrantType.CLIENT_CREDENTIALS);
            clients.add(client(id, CONFIG_PREFIX + i, HexFormat.of().parseHex(key.sha256()), key.subject(),
                    key.roles(), key.scopes(), grants, key.exchangeAudiences(), now));
        }
        return List.copyOf(clients);
    }

    private static Client demo(Instant now) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // The one deliberate print of a secret: a local-use key, shown once and labelled.
        log.warn("""
                No gateway.auth.api-keys configured: generated a demo API key for local use only \
                (subject '{}', roles {}, OAuth2 client id '{}'). Configure gateway.auth.api-keys, or register \
                clients, for real ones.

                Demo API key: {}
                """, DEMO_SUBJECT, DEMO_ROLES, DEMO_CLIENT_ID, key);
        return client(DEMO_CLIENT_ID, DEMO_CLIENT_ID, Sha256.digest(key.getBytes(UTF_8)), DEMO_SUBJECT, DEMO_ROLES,
                List.of(), EnumSet.allOf(GrantType.class), List.of(), now);
    }

    private static Client client(String clientId, String keyId, byte[] sha256, String subject, List<String> roles,
            List<String> scopes, Set<GrantType> grants, List<String> exchangeAudiences, Instant now) {
        ClientMetadata metadata = new ClientMetadata(null, subject, roles, scopes, grants, null, null, false,
                ClientStatus.ACTIVE, exchangeAudiences);
        return new Client(clientId, metadata, now, null, List.of(new ClientKey(keyId, sha256, now, null, null)), null,
                true);
    }
}
