package io.jwtgateway.gateway.assertion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.verify.AssertionKey;
import io.jwtgateway.gateway.verify.JwtJson;
import io.jwtgateway.gateway.verify.TokenVerifier;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.stereotype.Component;

/**
 * Signs the assertion of one verified token for one audience: {@code typ: gateway-assertion+jwt} and the assertion
 * key's {@code kid}; {@code iss} the gateway's issuer, {@code aud} the service, the token's {@code sub}, roles,
 * {@code scope} (space-separated, RFC 8693 §4.2), {@code client_id} (RFC 9068 §2.2) and {@code act} (RFC 8693 §4.1,
 * a token made by token exchange: who acts for the subject) when it has them, the token's
 * own {@code jti} as {@code token_jti} (its own {@code jti} would repeat across services and reuses, and a backend
 * that refuses a repeated {@code jti} would refuse them), {@code iat}, and {@code exp} after
 * {@code gateway.auth.assertion.lifetime}, never after the token's {@code exp}.
 */
@Component
class AssertionSigner {

    static final String TOKEN_ID_CLAIM = "token_jti";
    static final String ACTOR_CLAIM = "act";

    private final AssertionKey key;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    AssertionSigner(AssertionKey key, AuthProperties auth, AssertionProperties properties, Clock clock) {
        this.key = key;
        this.issuer = auth.issuer();
        this.lifetime = properties.lifetime();
        this.clock = clock;
    }

    SignedAssertion sign(VerifiedToken token, String audience) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);   // NumericDate is whole seconds
        Instant expiresAt = earlier(issuedAt.plus(lifetime), token.expiresAt());
        JwtBuilder builder = Jwts.builder()
                .json(JwtJson.writer())
                .issuer(issuer)
                .audience().add(audience).and()
                .subject(token.subject())
                .claim(TokenVerifier.ROLES_CLAIM, token.roles())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt));
        if (!token.scopes().isEmpty()) {
            builder.claim("scope", String.join(" ", token.scopes()));
        }
        if (token.clientId() != null) {
            builder.claim(TokenVerifier.CLIENT_ID_CLAIM, token.clientId());
        }
        if (token.tokenId() != null) {
            builder.claim(TOKEN_ID_CLAIM, token.tokenId());
        }
        if (token.actor() != null) {
            builder.claim(ACTOR_CLAIM, token.actor());
        }
        return SignedAssertion.of(key.signWith(builder).compact(), issuedAt, expiresAt);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
