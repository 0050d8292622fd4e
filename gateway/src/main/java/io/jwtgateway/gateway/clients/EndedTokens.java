package io.jwtgateway.gateway.clients;

import io.jwtgateway.gateway.clients.RegistrySnapshot.Marks;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends the tokens a registered client was issued before they expire: every token of a client that is disabled or
 * deleted, those issued before its {@code tokens_not_before}, and those of a revoked key. Only the gateway's own
 * tokens with a {@code key_id} are concerned (a configured key's tokens and another issuer's carry none); for them it
 * is one map lookup in the registry this replica holds, which every change reaches within a second: no network call.
 * A token whose client the registry does not know is ended, so a deleted client's tokens end without a trace kept, and
 * so is one of a key its client does not have, so they stay ended if a client is created again under the same id.
 */
@Component
public class EndedTokens {

    private final ClientRegistry registry;

    EndedTokens(ClientRegistry registry) {
        this.registry = registry;
    }

    /** The token, unless it is ended: then refused as a revoked token is. */
    public Mono<VerifiedToken> requireCurrent(VerifiedToken token) {
        return isEnded(token) ? AuthError.revokedToken().reject() : Mono.just(token);
    }

    /** Whether the token's client or key has ended it, as far as this replica knows. */
    public boolean isEnded(VerifiedToken token) {
        String keyId = token.keyId();
        if (keyId == null) {
            return false;
        }
        String clientId = token.clientId();
        Marks marks = clientId == null ? null : registry.snapshot().marks(clientId);
        return marks == null || marks.ends(token.issuedAt(), keyId);
    }
}
