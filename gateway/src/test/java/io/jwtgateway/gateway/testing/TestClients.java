package io.jwtgateway.gateway.testing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientKey;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.clients.ClientStatus;
import io.jwtgateway.gateway.clients.GrantType;

/** Clients built by hand, for tests that issue tokens without a registry: read-only, active, with every grant. */
public final class TestClients {

    private TestClients() {
    }

    /** A read-only client {@code clientId} whose tokens carry {@code subject}, {@code roles} and {@code scopes}. */
    public static Client readOnly(String clientId, String subject, List<String> roles, List<String> scopes) {
        ClientMetadata metadata = new ClientMetadata(null, subject, roles, scopes, EnumSet.allOf(GrantType.class),
                null, null, false, ClientStatus.ACTIVE, List.of());
        return new Client(clientId, metadata, Instant.EPOCH, null, List.of(key("config-0")), null, true);
    }

    /** A key of that id with a hash no key has. */
    public static ClientKey key(String keyId) {
        return new ClientKey(keyId, new byte[32], Instant.EPOCH, null, null);
    }
}
