package io.jwtgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.AuthEndpoints;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RatePoliciesTests {

    @Test
    void forRouteWhenNothingConfiguredThenUnlimited() {
        RatePolicies policies = policies(null, Map.of());

        assertThat(policies.forRoute("public")).isNull();
        assertThat(policies.all()).extracting(RatePolicy::id).containsExactly("auth-endpoints");
    }

    @Test
    void forRouteWhenRouteHasOwnLimitThenItBeatsTheDefault() {
        RatePolicies policies = policies(new Limit(10, 20), Map.of("admin", new Limit(1, 2)));

        assertThat(policies.forRoute("admin")).isEqualTo(new RatePolicy("route:admin", 1, 2));
        assertThat(policies.forRoute("public")).isEqualTo(new RatePolicy("default", 10, 20));
        assertThat(policies.forRoute("public")).isSameAs(policies.forRoute("authenticated"));
    }

    @Test
    void forRouteWhenTheRouteIsOnlyAddedAtRuntimeThenItsOwnLimit() {
        RatePolicies policies = policies(new Limit(10, 20), Map.of("orders", new Limit(1, 2)));

        assertThat(policies.forRoute("orders")).isEqualTo(new RatePolicy("route:orders", 1, 2));
    }

    @Test
    void authEndpointsWhenDisabledThenNoPolicy() {
        RateLimitProperties properties = new RateLimitProperties(RateLimitProperties.Store.MEMORY,
                new AuthEndpoints(false, 5, 10), null, Map.of(), List.of(), Duration.ofMillis(200));

        RatePolicies policies = new RatePolicies(properties);

        assertThat(policies.authEndpoints()).isNull();
        assertThat(policies.all()).isEmpty();
    }

    private static RatePolicies policies(@Nullable Limit defaultLimit, Map<String, Limit> routes) {
        RateLimitProperties properties = new RateLimitProperties(RateLimitProperties.Store.MEMORY,
                new AuthEndpoints(true, 5, 10), defaultLimit, routes, List.of(), Duration.ofMillis(200));
        return new RatePolicies(properties);
    }
}
