package io.jwtgateway.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.jwtgateway.gateway.testing.AuthConfig;
import io.jwtgateway.gateway.testing.TestTokens;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.Ordered;
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

    @Test
    void stripWhenNoIdentityHeadersThenSameExchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret")
                .header("Accept", "application/json"));

        ServerWebExchange clean = claimHeaders(false).strip(exchange);

        assertThat(clean).isSameAs(exchange);
    }

    // --- filter: the backend request's headers ---

    @Test
    void filterWhenTokenVerifiedThenClaimHeadersSet() {
        VerifiedToken token = new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user", "admin"), List.of(),
                "token-1", null, EXPIRES_AT, null, null, null, null, null);

        HttpHeaders headers = claimHeaders(false).filter(new HttpHeaders(), exchangeWith(token));

        assertThat(headers.get(ClaimHeaders.SUBJECT)).containsExactly("alice");
        assertThat(headers.get(ClaimHeaders.ROLES)).containsExactly("user,admin");
        assertThat(headers.get(ClaimHeaders.TOKEN_ID)).containsExactly("token-1");
        assertThat(headers.get(ClaimHeaders.EXPIRES_AT)).containsExactly(String.valueOf(EXPIRES_AT.getEpochSecond()));
    }

    @Test
    void filterWhenRoleHoldsCommaThenRoleEncodedAsOne() {
        VerifiedToken token = new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user,admin"), List.of(),
                "token-1", null, EXPIRES_AT, null, null, null, null, null);

        HttpHeaders headers = claimHeaders(false).filter(new HttpHeaders(), exchangeWith(token));

        assertThat(headers.get(ClaimHeaders.ROLES)).containsExactly("user%2Cadmin");
    }

    @Test
    void filterWhenForwardTokenOffThenAuthorizationRemoved() {
        HttpHeaders headers = claimHeaders(false).filter(authorization(), exchangeWith(token()));

        assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void filterWhenForwardTokenOnThenAuthorizationKept() {
        HttpHeaders headers = claimHeaders(true).filter(authorization(), exchangeWith(token()));

        assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
    }

    @Test
    void filterWhenSpoofedIdentityBesideTokenThenOnlyVerifiedClaims() {
        HttpHeaders input = new HttpHeaders();
        input.add("X-Auth-Subject", "admin");
        input.add("x_auth_roles", "admin");

        HttpHeaders headers = claimHeaders(false).filter(input, exchangeWith(token()));

        assertThat(headers.get(ClaimHeaders.SUBJECT)).containsExactly("alice");
        assertThat(headers.get(ClaimHeaders.ROLES)).containsExactly("user");
        assertThat(headers.containsHeader("x_auth_roles")).isFalse();
    }

    @Test
    void filterWhenNoTokenThenIdentityRemovedAndNothingAdded() {
        HttpHeaders input = new HttpHeaders();
        input.add("X-Auth-Subject", "admin");
        input.add(HttpHeaders.AUTHORIZATION, "Bearer a.b.c");

        HttpHeaders headers = claimHeaders(false).filter(input, MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v3/home")));

        assertThat(headers.headerNames()).noneMatch(ClaimHeaders::isIdentity);
        assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a.b.c");
    }

    @Test
    void filterWhenHeadersReadOnlyThenWritableCopyReturned() {
        HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(authorization());

        HttpHeaders headers = claimHeaders(false).filter(readOnly, exchangeWith(token()));

        assertThat(headers.get(ClaimHeaders.SUBJECT)).containsExactly("alice");
        assertThat(readOnly.containsHeader(ClaimHeaders.SUBJECT)).isFalse();
    }

    @Test
    void filterWhenAfterEveryOtherHeaderFilterThenLowestPrecedence() {
        assertThat(claimHeaders(false).getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
    }

    private static ServerWebExchange exchangeWith(VerifiedToken token) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/secret"));
        exchange.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, token);
        return exchange;
    }

    private static HttpHeaders authorization() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer a.b.c");
        return headers;
    }

    private static ClaimHeaders claimHeaders(boolean forwardToken) {
        return new ClaimHeaders(AuthConfig.of("forward-token=" + forwardToken));
    }

    private static VerifiedToken token() {
        return new VerifiedToken(TestTokens.ISSUER, "alice", List.of("user"), List.of(), "token-1", null, EXPIRES_AT,
                null, null, null, null, null);
    }
}
