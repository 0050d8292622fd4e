package io.jwtgateway.gateway.verify;

import io.jwtgateway.gateway.config.AuthProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a compact JWS and returns its trusted claims. A token must be canonical and within
 * {@code gateway.auth.max-token-bytes}; a token verified before comes from the cache; otherwise its {@code iss} picks
 * the issuer whose keys and rules decide, and an issuer we do not trust is refused before any key is looked at.
 */
@Component
public class TokenVerifier {

    public static final String ROLES_CLAIM = "roles";

    private final Issuers issuers;
    private final VerifiedTokenCache cache;
    private final VerificationMetrics metrics;
    private final int maxTokenBytes;

    TokenVerifier(Issuers issuers, VerifiedTokenCache cache, VerificationMetrics metrics, AuthProperties properties) {
        this.issuers = issuers;
        this.cache = cache;
        this.metrics = metrics;
        this.maxTokenBytes = (int) properties.maxTokenBytes().toBytes();
    }

    public Mono<VerifiedToken> verify(String token) {
        if (token.length() > maxTokenBytes) {
            return AuthError.oversizedToken().reject();
        }
        if (!TokenFormat.isCanonical(token)) {
            return AuthError.malformedToken().reject();
        }
        long start = System.nanoTime();
        VerifiedTokenCache.Digest digest = cache.digest(token);
        VerifiedToken cached = cache.get(digest);
        if (cached != null) {
            metrics.cacheHit(start);
            return Mono.just(cached);
        }
        IssuerTrust trust = issuers.forToken(token);
        if (trust == null) {
            metrics.refused(start);
            return AuthError.untrustedIssuer().reject();
        }
        return trust.verify(token)
                .doOnNext(verified -> remember(digest, verified, start))
                .doOnError(refused -> metrics.refused(start));
    }

    private void remember(VerifiedTokenCache.Digest digest, VerifiedToken verified, long start) {
        cache.put(digest, verified);
        metrics.verified(start);
    }
}
