package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.util.List;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.testing.TestClients;
import io.jwtgateway.gateway.verify.SigningKeys;

/**
 * Reaches the package-private {@link TokenIssuer}, so plain tests in other packages sign tokens exactly as the
 * gateway does, headers included.
 */
public final class IssuerFixture {

    private IssuerFixture() {
    }

    /** A token for {@code subject} with {@code roles}, issued with the keys and properties given. */
    public static String issue(SigningKeys keys, AuthProperties properties, Clock clock, String subject,
            String... roles) {
        Client owner = TestClients.readOnly(subject, subject, List.of(roles), List.of());
        return new TokenIssuer(keys, properties, clock).issue(owner, owner.keys().get(0), null).token();
    }
}
