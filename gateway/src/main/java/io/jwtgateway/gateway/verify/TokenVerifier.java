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
    private final int maxTokenBytes;

    TokenVerifier(Issuers issuers, VerifiedTokenCache cache, AuthProperties properties) {
        this.issuers = issuers;
        this.cache = cache;
        this.maxTokenBytes = (int) properties.maxTokenBytes().toBytes();
    }

    public Mono<VerifiedToken> verify(String token) {
        if (token.length() > maxTokenBytes) {
            return AuthError.invalidToken("The token is too large").reject();
        }
        if (!TokenFormat.isCanonical(token)) {
            return AuthError.invalidToken("The token is malformed").reject();
        }
        VerifiedTokenCache.Digest digest = cache.digest(token);
        VerifiedToken cached = cache.get(digest);
        if (cached != null) {
            return Mono.just(cached);
        }
        IssuerTrust trust = issuers.forToken(token);
        if (trust == null) {
            return AuthError.invalidToken("The token issuer is not accepted").reject();
        }
        return trust.verify(token)
                .doOnNext(verified -> cache.put(digest, verified));
    }
}
