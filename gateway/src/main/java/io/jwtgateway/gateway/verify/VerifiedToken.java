package io.jwtgateway.gateway.verify;

import java.time.Instant;
import java.util.List;

/**
 * The claims of a token whose signature, issuer, audience and lifetime were checked.
 *
 * @param subject   the {@code sub} claim
 * @param roles     the {@code roles} claim, empty when absent
 * @param tokenId   the {@code jti} claim
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedToken(String subject, List<String> roles, String tokenId, Instant expiresAt) {

    public VerifiedToken {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
