package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.verify.SigningKeys;

/** Tokens exactly as the gateway issues them, for benchmarks in other packages. */
public final class Tokens {

    /** The {@code sub} of every benchmark token. */
    public static final String SUBJECT = "bench-user";

    /** The owner of every benchmark token: a subject, one role, a client id and two scopes, as a real client has. */
    static final ApiKey OWNER = new ApiKey("0".repeat(64), SUBJECT, List.of("user"), "bench-client",
            List.of("orders:read", "orders:write"));

    private Tokens() {
    }

    /** Each call signs a new bearer token (a fresh {@code jti}), through the package-private {@link TokenIssuer}. */
    public static Supplier<String> issuing(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        TokenIssuer issuer = new TokenIssuer(signingKeys, properties, clock);
        return () -> issuer.issue(OWNER, null).token();
    }

    /** A token bound to the DPoP key whose RFC 7638 thumbprint is {@code jkt}: its {@code cnf.jkt} (RFC 9449 §6.1). */
    public static String boundTo(String jkt, SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        return new TokenIssuer(signingKeys, properties, clock).issue(OWNER, jkt).token();
    }
}
