package io.jwtgateway.gateway.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;

/**
 * Client metadata as a request sent it, read and checked by {@link ClientInputReader}: which members it has, and the
 * value of each, null for a JSON {@code null} (which removes an optional member on update).
 *
 * @param present         the members the request has
 * @param clientId        {@code client_id}
 * @param name            {@code client_name}
 * @param subject         {@code subject}
 * @param roles           {@code roles}
 * @param scopes          {@code scope}, split
 * @param grantTypes      {@code grant_types}
 * @param tokenLifetime   {@code token_lifetime}
 * @param rateLimit       {@code rate_limit}
 * @param dpopBound       {@code dpop_bound_access_tokens}
 * @param status          {@code status}
 * @param secretExpiresAt {@code client_secret_expires_at}; null for 0, never
 * @param exchangeAudiences {@code token_exchange_audiences}
 */
public record ClientInput(Set<Member> present, @Nullable String clientId, @Nullable String name,
        @Nullable String subject, @Nullable List<String> roles, @Nullable List<String> scopes,
        @Nullable Set<GrantType> grantTypes, @Nullable Duration tokenLifetime, @Nullable Limit rateLimit,
        @Nullable Boolean dpopBound, @Nullable ClientStatus status, @Nullable Instant secretExpiresAt,
        @Nullable List<String> exchangeAudiences) {

    /** No member at all. */
    public static final ClientInput EMPTY = new ClientInput(Set.of(), null, null, null, null, null, null, null, null,
            null, null, null, null);

    public ClientInput {
        present = present.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(present));
    }

    public boolean has(Member member) {
        return present.contains(member);
    }

    /** The metadata of a new client: what the request says, and for the rest the defaults. */
    ClientMetadata create(String clientId) {
        return new ClientMetadata(name, subject == null ? clientId : subject,
                roles == null ? List.of() : roles,
                scopes == null ? List.of() : scopes,
                grantTypes == null ? EnumSet.allOf(GrantType.class) : grantTypes,
                tokenLifetime, rateLimit, Boolean.TRUE.equals(dpopBound),
                status == null ? ClientStatus.ACTIVE : status,
                exchangeAudiences == null ? List.of() : exchangeAudiences);
    }

    /** {@code base} with each member the request has put in its place (RFC 7396: null removes an optional one). */
    public ClientMetadata patch(ClientMetadata base) {
        return new ClientMetadata(
                has(Member.CLIENT_NAME) ? name : base.name(),
                has(Member.SUBJECT) && subject != null ? subject : base.subject(),
                has(Member.ROLES) && roles != null ? roles : base.roles(),
                has(Member.SCOPE) && scopes != null ? scopes : base.scopes(),
                has(Member.GRANT_TYPES) && grantTypes != null ? grantTypes : base.grantTypes(),
                has(Member.TOKEN_LIFETIME) ? tokenLifetime : base.tokenLifetime(),
                has(Member.RATE_LIMIT) ? rateLimit : base.rateLimit(),
                has(Member.DPOP_BOUND) && dpopBound != null ? dpopBound : base.dpopBound(),
                has(Member.STATUS) && status != null ? status : base.status(),
                has(Member.TOKEN_EXCHANGE_AUDIENCES)
                        ? (exchangeAudiences == null ? List.of() : exchangeAudiences)
                        : base.exchangeAudiences());
    }
}
