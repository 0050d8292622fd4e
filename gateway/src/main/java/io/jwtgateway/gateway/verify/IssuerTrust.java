package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.util.Date;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.InvalidClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Everything that verifies one issuer's tokens: a JJWT parser built once (the issuer required, no compression, the
 * injected clock and skew, keys found by {@link KeyLocator}), and its {@link ClaimRules}.
 */
final class IssuerTrust {

    private final String issuer;
    private final KeySource keys;
    private final JwtParser parser;
    private final ClaimRules rules;

    IssuerTrust(String issuer, KeySource keys, @Nullable String requiredType, ClaimRules rules,
            AuthProperties properties, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.rules = rules;
        this.parser = Jwts.parser()
                .keyLocator(new KeyLocator(keys::current, requiredType))
                .zip().clear().and()
                .json(new NumericDateReader())
                .requireIssuer(issuer)
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    String issuer() {
        return issuer;
    }

    /** The token's trusted claims; an unknown {@code kid} refetches the keys once, if the source allows it now. */
    Mono<VerifiedToken> verify(String token) {
        try {
            return Mono.just(check(token));
        } catch (KeyLocator.UnknownKeyException unknown) {
            return keys.refetch().flatMap(fetched -> fetched ? recheck(token) : unknownKey());
        } catch (AuthException refused) {
            return Mono.error(refused);
        }
    }

    private Mono<VerifiedToken> recheck(String token) {
        try {
            return Mono.just(check(token));
        } catch (KeyLocator.UnknownKeyException stillUnknown) {
            return unknownKey();
        } catch (AuthException refused) {
            return Mono.error(refused);
        }
    }

    private VerifiedToken check(String token) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (JwtException ex) {
            throw new AuthException(reasonFor(ex));
        }
        return rules.apply(claims);
    }

    private static Mono<VerifiedToken> unknownKey() {
        return AuthError.unknownKey().reject();
    }

    /** Our own words for each failure: the library's message may quote the token. */
    private static AuthError reasonFor(JwtException ex) {
        if (ex instanceof ExpiredJwtException) {
            return AuthError.expiredToken();
        }
        if (ex instanceof PrematureJwtException) {
            return AuthError.prematureToken();
        }
        if (ex instanceof InvalidClaimException invalid) {
            return switch (invalid.getClaimName()) {
                case "iss" -> AuthError.untrustedIssuer();
                case "aud" -> AuthError.wrongAudience();
                default -> AuthError.invalidClaims("The token claims are not accepted");
            };
        }
        if (ex instanceof SecurityException && ex.getCause() instanceof UnsupportedJwtException) {
            return AuthError.refusedAlgorithm();   // an alg outside JJWT's registry
        }
        if (ex instanceof SecurityException) {
            return AuthError.invalidSignature();
        }
        return AuthError.malformedToken();
    }
}
