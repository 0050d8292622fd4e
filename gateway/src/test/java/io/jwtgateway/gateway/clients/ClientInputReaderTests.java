package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import io.jwtgateway.gateway.http.StrictJson;
import io.jwtgateway.gateway.refusal.InvalidField;
import org.junit.jupiter.api.Test;

class ClientInputReaderTests {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Set<Member> ALL = EnumSet.allOf(Member.class);

    @Test
    void readWhenEveryMemberRightThenEachTyped() {
        ClientInputReader.Read read = read(ALL, false, """
                {"client_id": "billing", "client_name": "Billing", "subject": "svc-billing", "roles": ["user"],
                 "scope": "a b", "grant_types": ["api_key"], "token_lifetime": 60,
                 "rate_limit": {"replenish_rate": 2, "burst_capacity": 4}, "dpop_bound_access_tokens": true,
                 "status": "disabled", "client_secret_expires_at": %d,
                 "token_exchange_audiences": ["inventory"]}""".formatted(NOW.getEpochSecond() + 10));

        assertThat(read.problems()).isEmpty();
        ClientInput input = read.input();
        assertThat(input.present()).isEqualTo(ALL);
        assertThat(input.scopes()).containsExactly("a", "b");
        assertThat(input.grantTypes()).containsExactly(GrantType.API_KEY);
        assertThat(input.tokenLifetime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(input.rateLimit()).isEqualTo(new Limit(2, 4));
        assertThat(input.status()).isEqualTo(ClientStatus.DISABLED);
        assertThat(input.secretExpiresAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(input.exchangeAudiences()).containsExactly("inventory");
    }

    @Test
    void readWhenValuesOutOfShapeThenEveryMemberNamedByItsPointer() {
        ClientInputReader.Read read = read(ALL, false, """
                {"client_id": "-leading-dash", "roles": ["user", 7], "scope": "a  b", "grant_types": ["implicit"],
                 "token_lifetime": 86401, "status": "paused", "client_secret_expires_at": %d,
                 "dpop_bound_access_tokens": "yes"}""".formatted(NOW.getEpochSecond()));

        assertThat(read.problems()).extracting(InvalidField::pointer).containsExactly("#/client_id", "#/roles/1",
                "#/scope", "#/grant_types/0", "#/token_lifetime", "#/status", "#/client_secret_expires_at",
                "#/dpop_bound_access_tokens");
        assertThat(read.problems().get(4).detail()).contains("86400", "gateway.auth.max-token-lifetime");
    }

    @Test
    void readWhenMemberUnknownThenProblemUnlessIgnoredAsRfc7591Asks() {
        String body = "{\"redirect_uris\": [\"https://x.example\"], \"a/b~c\": 1}";

        assertThat(read(ALL, false, body).problems()).extracting(InvalidField::pointer)
                .containsExactly("#/redirect_uris", "#/a~1b~0c");
        assertThat(read(ALL, true, body).problems()).isEmpty();
    }

    @Test
    void readWhenMemberNotTakenByThisRequestThenProblem() {
        ClientInputReader.Read read = read(EnumSet.of(Member.CLIENT_NAME), false, "{\"client_id\": \"other\"}");

        assertThat(read.problems()).containsExactly(InvalidField.of("client_id", "cannot be set here"));
    }

    @Test
    void readWhenNullThenRemovesARemovableMemberAndIsAProblemForTheRest() {
        ClientInputReader.Read read = ClientInputReader.read(members("{\"token_lifetime\": null, \"roles\": null}"),
                ALL, Set.of(Member.TOKEN_LIFETIME), false, Duration.ofDays(1), NOW);

        assertThat(read.input().has(Member.TOKEN_LIFETIME)).isTrue();
        assertThat(read.input().tokenLifetime()).isNull();
        assertThat(read.problems()).containsExactly(InvalidField.of("roles", "must not be null"));
    }

    @Test
    void readWhenRateLimitIncompleteOrBurstBelowRateThenProblem() {
        assertThat(read(ALL, false, "{\"rate_limit\": {\"replenish_rate\": 5}}").problems())
                .extracting(InvalidField::pointer).containsExactly("#/rate_limit");
        assertThat(read(ALL, false, "{\"rate_limit\": {\"replenish_rate\": 5, \"burst_capacity\": 4}}").problems())
                .extracting(InvalidField::pointer).containsExactly("#/rate_limit/burst_capacity");
    }

    @Test
    void patchWhenMembersGivenThenThoseReplacedAndTheRestKept() {
        ClientMetadata base = new ClientInputReader(ALL, ALL, false, Duration.ofDays(1), NOW)
                .read(members("{\"client_name\": \"Old\", \"roles\": [\"user\"], \"token_lifetime\": 60}"))
                .create("billing");

        ClientMetadata patched = read(ALL, false, "{\"roles\": [\"admin\"]}").input().patch(base);

        assertThat(patched.roles()).containsExactly("admin");
        assertThat(patched.name()).isEqualTo("Old");
        assertThat(patched.tokenLifetime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(patched.subject()).isEqualTo("billing");
        assertThat(patched.grantTypes()).containsExactlyInAnyOrder(GrantType.values());
    }

    @Test
    void readWhenExchangeAudiencesAreServiceNamesThenReadElseEachNamedByItsPointer() {
        ClientInputReader.Read good = read(ALL, false, "{\"token_exchange_audiences\": [\"inventory\", \"backend\"]}");
        ClientInputReader.Read bad =
                read(ALL, false, "{\"token_exchange_audiences\": [\"inventory\", \"Not A Name\"]}");

        assertThat(good.problems()).isEmpty();
        assertThat(good.input().create("orders").exchangeAudiences()).containsExactly("inventory", "backend");
        assertThat(bad.problems()).extracting(InvalidField::pointer).containsExactly("#/token_exchange_audiences/1");
    }

    private static ClientInputReader.Read read(Set<Member> accepted, boolean ignoreUnknown, String json) {
        return ClientInputReader.read(members(json), accepted, Set.of(), ignoreUnknown, Duration.ofDays(1), NOW);
    }

    private static Map<?, ?> members(String json) {
        return new LinkedHashMap<>(StrictJson.readObject(json.getBytes(UTF_8))
                .orElseThrow());
    }
}
