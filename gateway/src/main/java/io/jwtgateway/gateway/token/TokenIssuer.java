package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientKey;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.verify.JwtJson;
import io.jwtgateway.gateway.verify.SigningKeys;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Signs a token for a client with the configured algorithm: {@code typ: JWT}, {@code kid}, {@code iss}, {@code aud},
 * {@code sub}, roles, scopes when granted, the RFC 9068 §2.2 {@code client_id}, the {@code key_id} of a registered
 * client's key (which lets the gateway end the token when the key or the client is), {@code iat}, {@code exp} after
 * the client's token lifetime, a random {@code jti}, and {@code cnf.jkt} when the client proved it holds a DPoP key
 * (RFC 9449 §6.1).
 */
@Component
class TokenIssuer {

    /** The key a registered client's token was issued for; the gateway's own tokens only. */
    static final String KEY_ID_CLAIM = TokenVerifier.KEY_ID_CLAIM;

    private final SigningKeys signingKeys;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys signingKeys, AuthProperties properties, Clock clock) {
        this.signingKeys = signingKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for the seed endpoint: all the client's scopes; bound to {@code dpopKey}'s thumbprint when not null. */
    IssuedToken issue(Client client, ClientKey key, @Nullable String dpopKey) {
        return issue(client, key, client.metadata().scopes(), dpopKey);
    }

    /** With {@code scopes}, the RFC 8693 §4.2 {@code scope} claim. */
    IssuedToken issue(Client client, ClientKey key, List<String> scopes, @Nullable String dpopKey) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);   // NumericDate is whole seconds
        Duration lifetime = client.tokenLifetime(properties.tokenTtl(), properties.maxTokenLifetime());
        JwtBuilder builder = builder(properties.audience(), client.metadata().subject(), client.metadata().roles(),
                issuedAt, issuedAt.plus(lifetime));
        return sign(builder, client, key, scopes, dpopKey, issuedAt.plus(lifetime), lifetime);
    }

    /**
     * A token made by RFC 8693 token exchange: the subject token's {@code sub} and roles, addressed to
     * {@code service}, with {@code scopes}, for the calling client ({@code client_id}, and its {@code key_id}, so the
     * token ends with the caller's key), and RFC 8693 §4.1 {@code act} naming the caller, the subject token's own
     * {@code act} nested in it. It lives the caller's token lifetime, but never past the subject token's {@code exp};
     * empty when the subject token has no whole second left.
     */
    Optional<IssuedToken> exchange(VerifiedToken subject, Client caller, ClientKey key, String service,
            List<String> scopes, @Nullable String dpopKey) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(caller.tokenLifetime(properties.tokenTtl(), properties.maxTokenLifetime()));
        if (subject.expiresAt().isBefore(expiresAt)) {
            expiresAt = subject.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        }
        if (!expiresAt.isAfter(issuedAt)) {
            return Optional.empty();
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("sub", caller.clientId());
        if (subject.actor() != null) {
            actor.put(TokenVerifier.ACTOR_CLAIM, subject.actor());
        }
        JwtBuilder builder = builder(service, subject.subject(), subject.roles(), issuedAt, expiresAt)
                .claim(TokenVerifier.ACTOR_CLAIM, actor);
        return Optional.of(sign(builder, caller, key, scopes, dpopKey, expiresAt,
                Duration.between(issuedAt, expiresAt)));
    }

    private JwtBuilder builder(String audience, String subject, List<String> roles, Instant issuedAt,
            Instant expiresAt) {
        return Jwts.builder()
                .json(JwtJson.writer())
                .header().type("JWT").and()
                .issuer(properties.issuer())
                .audience().add(audience).and()
                .subject(subject)
                .claim(TokenVerifier.ROLES_CLAIM, roles)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .id(UUID.randomUUID().toString());
    }

    private IssuedToken sign(JwtBuilder builder, Client client, ClientKey key, List<String> scopes,
            @Nullable String dpopKey, Instant expiresAt, Duration lifetime) {
        if (!scopes.isEmpty()) {
            builder.claim("scope", String.join(" ", scopes));
        }
        builder.claim(TokenVerifier.CLIENT_ID_CLAIM, client.clientId());
        if (!client.readOnly()) {
            builder.claim(KEY_ID_CLAIM, key.keyId());
        }
        if (dpopKey != null) {
            builder.claim("cnf", Map.of("jkt", dpopKey));
        }
        return new IssuedToken(signingKeys.signWith(builder).compact(), expiresAt, lifetime, dpopKey != null);
    }
}
