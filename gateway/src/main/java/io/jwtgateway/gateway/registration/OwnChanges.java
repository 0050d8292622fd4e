package io.jwtgateway.gateway.registration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientInput;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.clients.Member;
import io.jwtgateway.gateway.refusal.InvalidField;

/**
 * What a client may change of its own registration with its registration access token (RFC 7592 §2.2): its
 * {@code client_name}; its {@code scope} and {@code grant_types}, narrowed only; {@code dpop_bound_access_tokens},
 * turned on only. What gives its tokens their power ({@code subject}, {@code roles}, {@code token_lifetime},
 * {@code rate_limit}, {@code status}) is the operator's: sent unchanged it is accepted, changed it is refused. A member
 * left out keeps its value, as §2.2 lets a server do.
 */
final class OwnChanges {

    private static final Set<Member> OPERATORS = EnumSet.of(Member.SUBJECT, Member.ROLES, Member.TOKEN_LIFETIME,
            Member.RATE_LIMIT, Member.STATUS, Member.TOKEN_EXCHANGE_AUDIENCES);

    private OwnChanges() {
    }

    /** Every member {@code input} would change beyond what the client may. */
    static List<InvalidField> problems(Client current, ClientInput input) {
        ClientMetadata metadata = current.metadata();
        List<InvalidField> problems = new ArrayList<>();
        if (input.has(Member.SCOPE) && !metadata.scopes().containsAll(Objects.requireNonNull(input.scopes()))) {
            problems.add(InvalidField.of(Member.SCOPE.json(), "may only narrow the scopes the client holds"));
        }
        if (input.has(Member.GRANT_TYPES)
                && !metadata.grantTypes().containsAll(Objects.requireNonNull(input.grantTypes()))) {
            problems.add(InvalidField.of(Member.GRANT_TYPES.json(), "may only narrow the grant types the client "
                    + "holds"));
        }
        if (input.has(Member.DPOP_BOUND) && metadata.dpopBound() && !Boolean.TRUE.equals(input.dpopBound())) {
            problems.add(InvalidField.of(Member.DPOP_BOUND.json(), "is set by the operator: the client cannot turn "
                    + "it off"));
        }
        ClientMetadata asked = input.patch(metadata);
        for (Member member : OPERATORS) {
            if (input.has(member) && !same(member, metadata, asked)) {
                problems.add(InvalidField.of(member.json(), "is set by the operator"));
            }
        }
        return problems;
    }

    /** The part of {@code input} a client may apply, the operator's members left out. */
    static ClientInput own(ClientInput input) {
        Set<Member> present = EnumSet.noneOf(Member.class);
        for (Member member : List.of(Member.CLIENT_NAME, Member.SCOPE, Member.GRANT_TYPES, Member.DPOP_BOUND)) {
            if (input.has(member)) {
                present.add(member);
            }
        }
        return new ClientInput(present, null, input.name(), null, null, input.scopes(), input.grantTypes(), null,
                null, input.dpopBound(), null, null, null);
    }

    private static boolean same(Member member, ClientMetadata current, ClientMetadata asked) {
        return switch (member) {
            case SUBJECT -> current.subject().equals(asked.subject());
            case ROLES -> new HashSet<>(current.roles()).equals(new HashSet<>(asked.roles()));
            case TOKEN_LIFETIME -> Objects.equals(current.tokenLifetime(), asked.tokenLifetime());
            case RATE_LIMIT -> Objects.equals(current.rateLimit(), asked.rateLimit());
            case STATUS -> current.status() == asked.status();
            case TOKEN_EXCHANGE_AUDIENCES -> new HashSet<>(current.exchangeAudiences())
                    .equals(new HashSet<>(asked.exchangeAudiences()));
            default -> true;
        };
    }
}
