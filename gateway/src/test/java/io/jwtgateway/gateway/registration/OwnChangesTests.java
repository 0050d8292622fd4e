package io.jwtgateway.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientInput;
import io.jwtgateway.gateway.clients.ClientMetadata;
import io.jwtgateway.gateway.clients.ClientStatus;
import io.jwtgateway.gateway.clients.GrantType;
import io.jwtgateway.gateway.clients.Member;
import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.testing.TestClients;
import org.junit.jupiter.api.Test;

class OwnChangesTests {

    final Client client = new Client("billing", new ClientMetadata("Billing", "billing", List.of("user", "auditor"),
            List.of("a", "b"), EnumSet.allOf(GrantType.class), null, null, true, ClientStatus.ACTIVE, List.of()),
            Instant.EPOCH,
            null, List.of(TestClients.key("abcdefghijkl")), null, false);

    @Test
    void problemsWhenClientNarrowsScopeAndGrantsAndRenamesItselfThenNone() {
        ClientInput input = input(Set.of(Member.CLIENT_NAME, Member.SCOPE, Member.GRANT_TYPES), List.of("a"),
                Set.of(GrantType.CLIENT_CREDENTIALS), List.of("auditor", "user"), true);

        assertThat(OwnChanges.problems(client, input)).isEmpty();
        assertThat(OwnChanges.own(input).patch(client.metadata()).scopes()).containsExactly("a");
    }

    @Test
    void problemsWhenClientWidensScopeOrGrantsThenEachNamed() {
        ClientInput input = input(Set.of(Member.SCOPE, Member.GRANT_TYPES), List.of("a", "c"),
                Set.of(GrantType.CLIENT_CREDENTIALS), List.of(), true);
        Client narrow = new Client("billing", new ClientMetadata(null, "billing", List.of(), List.of("a"),
                Set.of(GrantType.API_KEY), null, null, false, ClientStatus.ACTIVE, List.of()), Instant.EPOCH, null,
                List.of(),
                null, false);

        assertThat(OwnChanges.problems(narrow, input)).extracting(InvalidField::pointer)
                .containsExactly("#/scope", "#/grant_types");
    }

    @Test
    void problemsWhenClientChangesItsRolesOrTurnsDpopOffThenRefused() {
        ClientInput input = input(Set.of(Member.ROLES, Member.DPOP_BOUND), null, null, List.of("admin"), false);

        assertThat(OwnChanges.problems(client, input)).extracting(InvalidField::pointer)
                .containsExactly("#/dpop_bound_access_tokens", "#/roles");
    }

    @Test
    void problemsWhenClientGrantsItselfTokenExchangeThenRefused() {
        ClientInput input = new ClientInput(Set.of(Member.TOKEN_EXCHANGE_AUDIENCES), null, null, null, null, null,
                null, null, null, null, null, null, List.of("inventory"));

        assertThat(OwnChanges.problems(client, input)).extracting(InvalidField::pointer)
                .containsExactly("#/token_exchange_audiences");
        assertThat(OwnChanges.own(input).present()).isEmpty();
    }

    @Test
    void ownWhenOperatorsMembersSentUnchangedThenLeftOut() {
        ClientInput input = input(Set.of(Member.ROLES, Member.CLIENT_NAME), null, null, List.of("user", "auditor"),
                true);

        assertThat(OwnChanges.problems(client, input)).isEmpty();
        assertThat(OwnChanges.own(input).present()).containsExactly(Member.CLIENT_NAME);
    }

    private static ClientInput input(Set<Member> present, List<String> scopes, Set<GrantType> grants,
            List<String> roles, boolean dpop) {
        return new ClientInput(present, null, "Renamed", null, roles, scopes, grants, null, null, dpop, null, null,
                null);
    }
}
