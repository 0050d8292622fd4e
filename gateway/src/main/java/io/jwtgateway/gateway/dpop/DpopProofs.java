package io.jwtgateway.gateway.dpop;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.dpop.ProofVerifier.Proof;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The DPoP proof of a request (RFC 9449), at a token endpoint, where a valid one binds the token issued to its key,
 * and on a resource, where it must go with a token bound to its key. Every check of {@link ProofVerifier}, then the
 * nonce when configured, then the replay cache, last, so that a proof refused for any other reason is never
 * remembered and costs no round trip.
 */
public class DpopProofs {

    /** The request header that carries the proof (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";

    /** The response header that carries a server nonce (RFC 9449 §8.1). */
    public static final String NONCE_HEADER = "DPoP-Nonce";

    private final ProofVerifier verifier;
    private final ProofTarget target;
    private final ReplayCache replays;
    private final @Nullable DpopNonces nonces;
    private final boolean required;

    DpopProofs(ProofVerifier verifier, ProofTarget target, ReplayCache replays, @Nullable DpopNonces nonces,
            DpopProperties properties) {
        this.verifier = verifier;
        this.target = target;
        this.replays = replays;
        this.nonces = nonces;
        this.required = properties.required();
    }

    /** Whether every token must be bound ({@code gateway.auth.dpop.required}). */
    public boolean required() {
        return required;
    }

    /** Whether the request carries a {@code DPoP} header at all. */
    public boolean hasProof(ServerHttpRequest request) {
        return request.getHeaders().containsHeader(HEADER);
    }

    /**
     * At a token endpoint: the thumbprint of the key of the request's valid proof, the {@code cnf.jkt} of the token to
     * issue; empty without a proof, unless every token must be bound.
     */
    public Mono<String> keyToBind(ServerWebExchange exchange) {
        if (!required && !hasProof(exchange.getRequest())) {
            return Mono.empty();
        }
        return check(exchange, null, null);
    }

    /** On a resource: completes when the request's proof goes with {@code accessToken} and the key it is bound to. */
    public Mono<Void> verify(ServerWebExchange exchange, String accessToken, String boundKey) {
        return check(exchange, accessToken, boundKey).then();
    }

    private Mono<String> check(ServerWebExchange exchange, @Nullable String accessToken, @Nullable String boundKey) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> values = request.getHeaders().get(HEADER);
        if (values == null || values.isEmpty()) {
            return AuthError.invalidDpopProof(AuthOutcome.DPOP_MISSING_PROOF, "The request has no DPoP proof").reject();
        }
        if (values.size() != 1) {
            return AuthError.invalidDpopProof(AuthOutcome.DPOP_MISSING_PROOF, "Send exactly one DPoP header").reject();
        }
        Proof proof;
        try {
            proof = verifier.verify(values.get(0), request.getMethod().name(), target.of(request), accessToken,
                    boundKey);
        } catch (AuthException refused) {
            return Mono.error(refused);
        }
        if (nonces != null && (proof.nonce() == null || !nonces.isValid(proof.nonce()))) {
            exchange.getResponse().getHeaders().set(NONCE_HEADER, nonces.current());
            return AuthError.useDpopNonce().reject();
        }
        return replays.firstUse(ProofId.of(proof.thumbprint(), proof.jti()), proof.acceptedUntil())
                .onErrorResume(DpopProofs::isStoreFailure, failure -> AuthError.dpopReplayUnavailable().reject())
                .flatMap(first -> first ? accepted(exchange, proof) : replayed());
    }

    /** The proof's key; the next nonce too, when the proof used the one before it (RFC 9449 §8.2). */
    private Mono<String> accepted(ServerWebExchange exchange, Proof proof) {
        if (nonces != null && !nonces.current().equals(proof.nonce())) {
            exchange.getResponse().getHeaders().set(NONCE_HEADER, nonces.current());
        }
        return Mono.just(proof.thumbprint());
    }

    private static Mono<String> replayed() {
        return AuthError.invalidDpopProof(AuthOutcome.DPOP_REPLAYED, "The DPoP proof has been used before").reject();
    }

    private static boolean isStoreFailure(Throwable failure) {
        return failure instanceof DataAccessException || failure instanceof TimeoutException
                || failure instanceof MemoryReplayCache.ReplayCacheFull;
    }
}
