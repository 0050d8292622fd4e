package io.jwtgateway.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestedScopeTests {

    static final List<String> ALLOWED = List.of("orders:read", "orders:write");

    @Test
    void grantWhenNoScopeRequestedThenAllAllowed() {
        assertThat(RequestedScope.grant(null, ALLOWED)).hasValue(ALLOWED);
    }

    @Test
    void grantWhenSubsetRequestedThenThatSubsetInRequestOrderEachOnce() {
        assertThat(RequestedScope.grant("orders:write orders:read orders:write", ALLOWED))
                .hasValue(List.of("orders:write", "orders:read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders:delete", "orders:read admin", "Orders:read", " orders:read", "orders:read ",
            "orders:read  orders:write", "orders:read\torders:write", "\"orders:read\"", "orders\\read", "ü", ""})
    void grantWhenScopeOutsideAllowedOrMalformedThenEmpty(String requested) {
        assertThat(RequestedScope.grant(requested, ALLOWED)).isEmpty();
    }

    @Test
    void grantWhenNothingAllowedAndScopeRequestedThenEmpty() {
        assertThat(RequestedScope.grant("orders:read", List.of())).isEmpty();
    }
}
