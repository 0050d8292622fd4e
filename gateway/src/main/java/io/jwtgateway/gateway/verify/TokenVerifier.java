package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.InvalidClaimException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;
import io.jwtgateway.gateway.config.AuthProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a compact JWS and returns its trusted claims. The parser is built once: HS256 only, our key, the configured
 * issuer and audience, the injected clock and skew. On top of JJWT it requires {@code exp}, {@code sub} and
 * {@code jti}, refuses an {@code iat} in the future and a second spelling of the same token.
 */
@Component
public class TokenVerifier {

    public static final String ROLES_CLAIM = "roles";

    private final JwtParser parser;
    private final Clock clock;
    private final Duration clockSkew;

    TokenVerifier(SigningKey signingKey, AuthProperties properties, Clock clock) {
        this.clock = clock;
        this.clockSkew = properties.clockSkew();
        this.parser = Jwts.parser()
                .sig().clear().add(Jwts.SIG.HS256).and()
                .verifyWith(signingKey.key())
                .json(new NumericDateReader())
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    public Mono<VerifiedToken> verify(String token) {
        if (!TokenFormat.isCanonical(token)) {
            return AuthError.invalidToken("The token is malformed").reject();
        }
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (JwtException ex) {
            return reasonFor(ex).reject();
        }
        if (!SigningKey.ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            return AuthError.invalidToken("The token algorithm is not accepted").reject();
        }
        return trusted(jws.getPayload());
    }

    private Mono<VerifiedToken> trusted(Claims claims) {
        Date expiration = claims.getExpiration();
        if (expiration == null) {
            return AuthError.invalidToken("The token has no expiry").reject();
        }
        Date issuedAt = claims.getIssuedAt();
        if (issuedAt != null && issuedAt.toInstant().isAfter(clock.instant().plus(clockSkew))) {
            return AuthError.invalidToken("The token is issued in the future").reject();
        }
        String subject = claims.getSubject();
        String tokenId = claims.getId();
        if (subject == null || subject.isEmpty() || tokenId == null || tokenId.isEmpty()) {
            return AuthError.invalidToken("The token lacks a subject or token id").reject();
        }
        List<String> roles = roles(claims.get(ROLES_CLAIM));
        if (roles == null) {
            return AuthError.invalidToken("The token roles are not a list of strings").reject();
        }
        return Mono.just(new VerifiedToken(subject, roles, tokenId, expiration.toInstant()));
    }

    private static @Nullable List<String> roles(@Nullable Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (!(claim instanceof List<?> values)) {
            return null;
        }
        List<String> roles = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String role)) {
                return null;
            }
            roles.add(role);
        }
        return roles;
    }

    /** Our own words for each failure: the library's message may quote the token. */
    private static AuthError reasonFor(JwtException ex) {
        if (ex instanceof ExpiredJwtException) {
            return AuthError.expiredToken();
        }
        if (ex instanceof PrematureJwtException) {
            return AuthError.invalidToken("The token is not valid yet");
        }
        if (ex instanceof InvalidClaimException invalid) {
            return AuthError.invalidToken(switch (invalid.getClaimName()) {
                case "iss" -> "The token issuer is not accepted";
                case "aud" -> "The token audience is not accepted";
                default -> "The token claims are not accepted";
            });
        }
        if (ex instanceof SecurityException && ex.getCause() instanceof UnsupportedJwtException) {
            return AuthError.invalidToken("The token algorithm is not accepted");   // an alg outside our registry
        }
        if (ex instanceof SecurityException) {
            return AuthError.invalidToken("The token signature is invalid");
        }
        return AuthError.invalidToken("The token is malformed");
    }
}
