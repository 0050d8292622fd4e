package io.jwtgateway.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import org.junit.jupiter.api.Test;

class ExchangeTargetsTests {

    static final String HASH = "a".repeat(64);

    @Test
    void problemsWhenExchangeAudiencesNameServicesThenNone() {
        List<ApiKey> keys = List.of(key(List.of("backend", "inventory")));

        assertThat(ExchangeTargets.problems(keys, AuthProperties.DEFAULT_AUDIENCE, Set.of("inventory"))).isEmpty();
    }

    @Test
    void problemsWhenExchangeAudienceNamesNoServiceThenItsPropertyNamed() {
        List<ApiKey> keys = List.of(key(List.of("inventory", "orders")));

        assertThat(ExchangeTargets.problems(keys, AuthProperties.DEFAULT_AUDIENCE, Set.of("inventory")))
                .extracting(ConfigurationProblem::property)
                .containsExactly("gateway.auth.api-keys[0].exchange-audiences[1]");
    }

    @Test
    void problemsWhenGatewayAudienceIsAServiceNameThenAudienceNamed() {
        assertThat(ExchangeTargets.problems(List.of(), "inventory", Set.of("inventory")))
                .extracting(ConfigurationProblem::property)
                .containsExactly("gateway.auth.audience");
    }

    private static ApiKey key(List<String> audiences) {
        return new ApiKey(HASH, "orders", List.of(), "orders", List.of(), audiences);
    }
}
