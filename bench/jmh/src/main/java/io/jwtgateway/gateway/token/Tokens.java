package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientKey;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.clients.ClientStatus;
import io.jwtgateway.gateway.clients.GrantType;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.verify.SigningKeys;

/** Tokens exactly as the gateway issues them, for benchmarks in other packages. */
public final class Tokens {

    /** The {@code sub} of every benchmark token. */
    public static final String SUBJECT = "bench-user";

    /** The key of every benchmark token: a registered one, so tokens carry {@code client_id} and {@code key_id}. */
    public static final ClientKey KEY = new ClientKey("benchkey2345", new byte[32], Instant.EPOCH, null, null);

    /** The owner of every benchmark token: a subject, one role, a client id and two scopes, as a real client has. */
    public static final Client OWNER = new Client("bench-client", new ClientMetadata(null, SUBJECT, List.of("user"),
            List.of("orders:read", "orders:write"), EnumSet.allOf(GrantType.class), null, null, false,
            ClientStatus.ACTIVE, List.of()), Instant.EPOCH, null, List.of(KEY), null, false);

    private Tokens() {
    }

    /** Each call signs a new bearer token (a fresh {@code jti}), through the package-private {@link TokenIssuer}. */
    public static Supplier<String> issuing(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        TokenIssuer issuer = new TokenIssuer(signingKeys, properties, clock);
        return () -> issuer.issue(OWNER, KEY, null).token();
    }

    /** One token for {@code client}'s {@code key}, signed as the gateway signs it. */
    public static String issue(Client client, ClientKey key, SigningKeys signingKeys, AuthProperties properties,
            Clock clock) {
        return new TokenIssuer(signingKeys, properties, clock).issue(client, key, null).token();
    }

    /** A token bound to the DPoP key whose RFC 7638 thumbprint is {@code jkt}: its {@code cnf.jkt} (RFC 9449 §6.1). */
    public static String boundTo(String jkt, SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        return new TokenIssuer(signingKeys, properties, clock).issue(OWNER, KEY, jkt).token();
    }
}
