package io.jwtgateway.gateway.verify;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.refusal.AuthError;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a compact JWS and returns its trusted claims. A token must be canonical and within
 * {@code gateway.auth.max-token-bytes}; a token verified before comes from the cache; otherwise its {@code iss} picks
 * the issuer whose keys and rules decide, and an issuer we do not trust is refused before any key is looked at.
 * Requests that bring the same new token at once share one check: a token's signature is verified once, however
 * many requests carry it in the same instant.
 */
@Component
public class TokenVerifier {

    public static final String ROLES_CLAIM = "roles";
    /** The client a token was issued to (RFC 9068 §2.2). */
    public static final String CLIENT_ID_CLAIM = "client_id";
    /** The registered key a gateway token was issued for: how the gateway ends the tokens of a revoked key. */
    public static final String KEY_ID_CLAIM = "key_id";
    /** RFC 8693 §4.1: who acts on the subject's behalf. */
    public static final String ACTOR_CLAIM = "act";

    private final Issuers issuers;
    private final VerifiedTokenCache cache;
    private final VerificationMetrics metrics;
    private final int maxTokenBytes;
    private final ConcurrentMap<VerifiedTokenCache.Digest, Mono<VerifiedToken>> inFlight = new ConcurrentHashMap<>();

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
        Mono<VerifiedToken> check = Mono.defer(() -> check(token, digest, start)).cache();
        Mono<VerifiedToken> running = inFlight.putIfAbsent(digest, check);
        if (running != null) {
            return running;                                 // another request is checking this token: share its result
        }
        return check.doFinally(signal -> inFlight.remove(digest, check));
    }

    private Mono<VerifiedToken> check(String token, VerifiedTokenCache.Digest digest, long start) {
        VerifiedToken justVerified = cache.recheck(digest);  // by a check that ended after our lookup above
        if (justVerified != null) {
            metrics.cacheHit(start);
            return Mono.just(justVerified);
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
