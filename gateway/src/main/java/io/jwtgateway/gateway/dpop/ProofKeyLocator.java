package io.jwtgateway.gateway.dpop;

import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.jsonwebtoken.JweHeader;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.PublicJwk;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;

/**
 * The key that verifies a proof is the one its own header carries (RFC 9449 §4.2): a public {@code jwk}, under
 * {@code typ: dpop+jwt} and an accepted asymmetric {@code alg}. Everything else a header could use to point at a key
 * ({@code kid}, {@code jku}, {@code x5u}, {@code x5c}) is ignored, and {@code crit}, {@code zip} and {@code b64} are
 * refused, as they are on tokens.
 */
final class ProofKeyLocator extends LocatorAdapter<Key> {

    static final String TYPE = "dpop+jwt";

    private static final List<String> REFUSED = List.of("crit", "zip", "b64");

    private final Set<String> algorithms;

    ProofKeyLocator(Set<String> algorithms) {
        this.algorithms = Set.copyOf(algorithms);
    }

    @Override
    protected Key locate(JwsHeader header) {
        for (String name : REFUSED) {
            if (header.containsKey(name)) {
                throw refuse("The DPoP proof header has a parameter that is not accepted");
            }
        }
        if (header.getType() == null || !TYPE.equals(header.getType().toLowerCase(Locale.ROOT))) {
            throw refuse("The DPoP proof typ must be dpop+jwt");
        }
        if (!algorithms.contains(header.getAlgorithm())) {
            throw refuse("The DPoP proof alg is not accepted");
        }
        PublicJwk<?> jwk = header.getJwk();         // JJWT reads a private JWK here as malformed: it is refused
        if (jwk == null) {
            throw refuse("The DPoP proof header has no public jwk");
        }
        return jwk.toKey();
    }

    @Override
    protected Key locate(JweHeader header) {
        throw refuse("The DPoP proof is encrypted");
    }

    static AuthException refuse(String why) {
        return new AuthException(AuthError.invalidDpopProof(AuthOutcome.DPOP_INVALID_PROOF, why));
    }
}
