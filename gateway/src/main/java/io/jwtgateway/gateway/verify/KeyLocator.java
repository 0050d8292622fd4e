package io.jwtgateway.gateway.verify;

import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.jsonwebtoken.JweHeader;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.LocatorAdapter;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import org.jspecify.annotations.Nullable;

/**
 * Picks the key for a token from its header, before the signature is checked, and refuses what RFC 8725 warns of:
 * the key, not the token, fixes the algorithm (§3.1); {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are
 * never used to find a key (§3.10 of RFC 7515 leaves that to us); {@code crit}, {@code zip} and unencoded payloads
 * ({@code b64}) are refused; JWE is refused.
 */
final class KeyLocator extends LocatorAdapter<Key> {

    /** Header parameters whose presence alone refuses the token. */
    private static final List<String> REFUSED = List.of("crit", "zip", "b64");

    private final Supplier<KeySet> keys;
    private final @Nullable String requiredType;

    KeyLocator(Supplier<KeySet> keys, @Nullable String requiredType) {
        this.keys = keys;
        this.requiredType = requiredType == null ? null : mediaType(requiredType);
    }

    @Override
    protected Key locate(JwsHeader header) {
        for (String name : REFUSED) {
            if (header.containsKey(name)) {
                throw new AuthException(AuthError.refusedHeader());
            }
        }
        if (requiredType != null && (header.getType() == null || !requiredType.equals(mediaType(header.getType())))) {
            throw new AuthException(AuthError.refusedType());
        }
        VerificationKey key = keys.get().find(header.getKeyId());
        if (key == null) {
            throw new UnknownKeyException();
        }
        if (!key.algorithm().jwsName().equals(header.getAlgorithm())) {
            throw new AuthException(AuthError.refusedAlgorithm());
        }
        return key.key();
    }

    @Override
    protected Key locate(JweHeader header) {
        throw new AuthException(AuthError.encryptedToken());
    }

    /** RFC 7515 §4.1.9: {@code typ} may omit the {@code application/} prefix, and compares case-insensitively. */
    private static String mediaType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    /** No key with the token's {@code kid}: for a remote issuer, a reason to refetch its JWKS. */
    static final class UnknownKeyException extends RuntimeException {
        UnknownKeyException() {
            super("The token signing key is unknown", null, false, false);
        }
    }
}
