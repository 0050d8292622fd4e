package io.jwtgateway.gateway.clients;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;

/**
 * What a client's tokens carry and how it may get them: everything about a client an operator sets, in RFC 7591 §2's
 * terms where it has one ({@code client_name}, {@code scope}, {@code grant_types}, RFC 9449's
 * {@code dpop_bound_access_tokens}).
 *
 * @param name          a name for people; null for none
 * @param subject       the {@code sub} of its tokens
 * @param roles         the {@code roles} of its tokens
 * @param scopes        the scopes it may be granted
 * @param grantTypes    how it may get tokens, never empty
 * @param tokenLifetime how long its tokens live; null for {@code gateway.auth.token-ttl}. Never above
 *                      {@code gateway.auth.max-token-lifetime}, which caps it when issuing
 * @param rateLimit     its own limit on the requests made with its tokens, across every route; null for none
 * @param dpopBound     whether its tokens must be bound to a DPoP key: a token request without a proof is refused
 * @param status        whether it may get tokens and its tokens count
 * @param exchangeAudiences the services it may exchange a token for (RFC 8693 token exchange), each a service name;
 *                      empty: it may not exchange
 */
public record ClientMetadata(@Nullable String name, String subject, List<String> roles, List<String> scopes,
        Set<GrantType> grantTypes, @Nullable Duration tokenLifetime, @Nullable Limit rateLimit, boolean dpopBound,
        ClientStatus status, List<String> exchangeAudiences) {

    public ClientMetadata {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
        exchangeAudiences = List.copyOf(exchangeAudiences);
        grantTypes = grantTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grantTypes));
    }

    public boolean allows(GrantType grant) {
        return grantTypes.contains(grant);
    }

    /** Whether it may exchange a token for one addressed to {@code service} (RFC 8693). */
    public boolean mayExchangeFor(String service) {
        return exchangeAudiences.contains(service);
    }

    /** The grant types in a fixed order, for JSON. */
    public List<GrantType> orderedGrantTypes() {
        return Arrays.stream(GrantType.values()).filter(grantTypes::contains).toList();
    }

    ClientMetadata withStatus(ClientStatus changed) {
        return new ClientMetadata(name, subject, roles, scopes, grantTypes, tokenLifetime, rateLimit, dpopBound,
                changed, exchangeAudiences);
    }
}
