package io.jwtgateway.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class ClaimHeadersTests {

    static final Instant EXPIRES_AT = Instant.parse("2030-01-01T00:05:00Z");

    // --- isIdentity ---

    @ParameterizedTest
    @ValueSource(strings = {"X-Auth-Subject", "x-auth-roles", "X_AUTH_SUBJECT", "X_Auth-Roles", "x-AUTH_token-id",
            "X-Auth-"})
    void isIdentityWhenXAuthPrefixInAnyCaseOrUnderscoreSpellingThenTrue(String name) {
        boolean identity = ClaimHeaders.isIdentity(name);

        assertThat(identity).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Authorization", "Authorization", "X-Auth", "X-Authority-Subject", "Auth-Subject",
            "X-Forwarded-For", ""})
    void isIdentityWhenNotXAuthPrefixThenFalse(String name) {
        boolean identity = ClaimHeaders.isIdentity(name);

        assertThat(identity).isFalse();
    }

    // --- strip ---

    @Test
    void stripWhenClientSendsIdentityHeadersThenRemoved() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header("X-Auth-Subject", "admin")
                .header("x_auth_roles", "admin")
                .header("Accept", "application/json"));

        ServerWebExchange clean = claimHeaders(false).strip(exchange);

        HttpHeaders headers = clean.getRequest().getHeaders();
        assertThat(headers.headerNames()).noneMatch(ClaimHeaders::isIdentity);
        assertThat(headers.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void stripWhenConnectionNamesIdentityHeaderThenThatTokenRemoved() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header(HttpHeaders.CONNECTION, "keep-alive, X-Auth-Subject"));

        ServerWebExchange clean = claimHeaders(false).strip(exchange);

        assertThat(clean.getRequest().getHeaders().getConnection()).containsExactly("keep-alive");
    }

    @Test
    void stripWhenConnectionNamesOnlyIdentityHeadersThenConnectionRemoved() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header(HttpHeaders.CONNECTION, "x-auth-roles"));

        ServerWebExchange clean = claimHeaders(false).strip(exchange);

        assertThat(clean.getRequest().getHeaders().containsHeader(HttpHeaders.CONNECTION)).isFalse();
    }

    // --- forward ---

    @Test
    void forwardWhenTokenVerifiedThenClaimHeadersSet() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret"));
        VerifiedToken token = new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user", "admin"), List.of(), "token-1", null, EXPIRES_AT);

        ServerWebExchange forwarded = claimHeaders(false).forward(exchange, token);

        HttpHeaders headers = forwarded.getRequest().getHeaders();
        assertThat(headers.get(ClaimHeaders.SUBJECT)).containsExactly("alice");
        assertThat(headers.get(ClaimHeaders.ROLES)).containsExactly("user,admin");
        assertThat(headers.get(ClaimHeaders.TOKEN_ID)).containsExactly("token-1");
        assertThat(headers.get(ClaimHeaders.EXPIRES_AT)).containsExactly(String.valueOf(EXPIRES_AT.getEpochSecond()));
    }

    @Test
    void forwardWhenRoleHoldsCommaThenRoleEncodedAsOne() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret"));
        VerifiedToken token = new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user,admin"), List.of(), "token-1", null, EXPIRES_AT);

        ServerWebExchange forwarded = claimHeaders(false).forward(exchange, token);

        assertThat(forwarded.getRequest().getHeaders().get(ClaimHeaders.ROLES)).containsExactly("user%2Cadmin");
    }

    @Test
    void forwardWhenForwardTokenOffThenAuthorizationRemoved() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header(HttpHeaders.AUTHORIZATION, "Bearer a.b.c"));

        ServerWebExchange forwarded = claimHeaders(false).forward(exchange, token());

        assertThat(forwarded.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void forwardWhenForwardTokenOnThenAuthorizationKept() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header(HttpHeaders.AUTHORIZATION, "Bearer a.b.c"));

        ServerWebExchange forwarded = claimHeaders(true).forward(exchange, token());

        assertThat(forwarded.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
    }

    private static ClaimHeaders claimHeaders(boolean forwardToken) {
        return new ClaimHeaders(AuthConfig.of("forward-token=" + forwardToken));
    }

    private static VerifiedToken token() {
        return new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user"), List.of(), "token-1", null, EXPIRES_AT);
    }
}
