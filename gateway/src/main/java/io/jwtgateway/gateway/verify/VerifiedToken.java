package io.jwtgateway.gateway.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The claims of a token whose signature, issuer, audience and lifetime were checked.
 *
 * @param issuer    the {@code iss} claim: the gateway's own issuer or a trusted one
 * @param subject   the {@code sub} claim
 * @param roles     the roles claim of the issuer, empty when absent
 * @param scopes    the {@code scope} (or {@code scp}) claim, empty when absent
 * @param tokenId   the {@code jti} claim; always present on the gateway's own tokens
 * @param issuedAt  the {@code iat} claim, when present
 * @param expiresAt the {@code exp} claim
 * @param keyBinding the {@code cnf.jkt} claim (RFC 9449 §6.1): the thumbprint of the DPoP key the token is bound to;
 *                   null for a bearer token
 * @param clientId  the {@code client_id} claim of a gateway token (RFC 9068 §2.2); null in another issuer's token,
 *                  whose client ids are not the gateway's
 * @param keyId     the {@code key_id} claim of a gateway token: the registered key it was issued for, so that the
 *                  token ends with its key or its client; null for a configured key's token and another issuer's
 * @param service   the service a gateway token is addressed to: its {@code aud} when that names a service (a token
 *                  made by RFC 8693 token exchange) rather than {@code gateway.auth.audience}; such a token is good on
 *                  that service's routes alone. Null for a token good on every route, and for another issuer's
 * @param actor     the RFC 8693 §4.1 {@code act} claim: who acts on the subject's behalf, with the actors before it
 *                  nested; null when absent
 */
public record VerifiedToken(String issuer, String subject, List<String> roles, List<String> scopes,
        @Nullable String tokenId, @Nullable Instant issuedAt, Instant expiresAt,
        @Nullable String keyBinding, @Nullable String clientId, @Nullable String keyId, @Nullable String service,
        @Nullable Map<String, Object> actor) {

    /**
     * The exchange attribute under which the authentication filter leaves the token it admitted a request with, for
     * the filters after it (the rate limiter counts by its subject), and the operator endpoints' guard the admin token
     * (the operator API names its subject in the audit). Absent on public routes.
     */
    public static final String EXCHANGE_ATTRIBUTE = VerifiedToken.class.getName();

    public VerifiedToken {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token is bound to a DPoP key, so that it counts only with a proof signed by that key. */
    public boolean isBound() {
        return keyBinding != null;
    }
}
