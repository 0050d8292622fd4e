package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.verify.JwtJson;
import io.jwtgateway.gateway.verify.SigningKeys;
import io.jwtgateway.gateway.verify.TokenVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signs a token for an API key's owner with the configured algorithm: {@code typ: JWT}, {@code kid}, {@code iss},
 * {@code aud}, {@code sub}, roles, scopes when granted, {@code iat}, {@code exp}, a random {@code jti}, and
 * {@code cnf.jkt} when the client proved it holds a DPoP key (RFC 9449 §6.1).
 */
@Component
class TokenIssuer {

    private final SigningKeys signingKeys;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        this.signingKeys = signingKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for the seed endpoint: the key's own scopes; bound to {@code dpopKey}'s thumbprint when not null. */
    IssuedToken issue(ApiKey owner, @Nullable String dpopKey) {
        return issue(owner, owner.scopes(), dpopKey);
    }

    /** With {@code scopes}, also the RFC 8693 §4.2 {@code scope} claim and RFC 9068 §2.2 {@code client_id}. */
    IssuedToken issue(ApiKey owner, List<String> scopes, @Nullable String dpopKey) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);   // NumericDate is whole seconds
        Instant expiresAt = issuedAt.plus(properties.tokenTtl());
        JwtBuilder builder = Jwts.builder()
                .json(JwtJson.writer())
                .header().type("JWT").and()
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .subject(owner.subject())
                .claim(TokenVerifier.ROLES_CLAIM, owner.roles())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .id(UUID.randomUUID().toString());
        if (!scopes.isEmpty()) {
            builder.claim("scope", String.join(" ", scopes));
        }
        if (owner.clientId() != null) {
            builder.claim("client_id", owner.clientId());
        }
        if (dpopKey != null) {
            builder.claim("cnf", Map.of("jkt", dpopKey));
        }
        return new IssuedToken(signingKeys.signWith(builder).compact(), expiresAt, dpopKey != null);
    }
}
