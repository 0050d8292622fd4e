package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.verify.SigningKey;
import io.jwtgateway.gateway.verify.TokenVerifier;
import org.springframework.stereotype.Component;

/** Signs a token for an API key's owner: HS256, with {@code iss}, {@code aud}, {@code sub}, roles and a lifetime. */
@Component
class TokenIssuer {

    private final SigningKey signingKey;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKey signingKey, AuthProperties properties, Clock clock) {
        this.signingKey = signingKey;
        this.properties = properties;
        this.clock = clock;
    }

    IssuedToken issue(ApiKey owner) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);   // NumericDate is whole seconds
        Instant expiresAt = issuedAt.plus(properties.tokenTtl());
        String token = Jwts.builder()
                .header().type("JWT").keyId(signingKey.keyId()).and()
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .subject(owner.subject())
                .claim(TokenVerifier.ROLES_CLAIM, owner.roles())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .id(UUID.randomUUID().toString())
                .signWith(signingKey.key(), Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }
}
