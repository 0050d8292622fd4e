package io.jwtgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's own backend request headers, run together wherever one pass cannot stand for the header filters: a
 * header one of them drops from the client is never taken off what another adds, whichever comes first. Run one by
 * one, the filter that drops the client's {@code X-Auth-*} took off the assertion the one before it had added.
 */
class BackendRequestHeadersTests {

    static final BackendRequestHeadersFilter ADDS_ASSERTION =
            (headers, exchange) -> headers.set("X-Auth-Assertion", "the gateway's");

    static final BackendRequestHeadersFilter DROPS_CLIENT_IDENTITY = new BackendRequestHeadersFilter() {
        @Override
        public boolean drops(String name) {
            return name.regionMatches(true, 0, "X-Auth-", 0, 7);
        }

        @Override
        public void edit(HttpHeaders headers, ServerWebExchange exchange) {
            headers.set("X-Auth-Subject", "verified");
        }
    };

    final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

    @Test
    void filterWhenOneAddsWhatAnotherDropsFromTheClientThenTheAddedHeaderStays() {
        HttpHeaders sent = new HttpHeaders();
        sent.add("X-Auth-Assertion", "forged");
        sent.add("X-Auth-Subject", "forged");
        sent.add("Accept", "*/*");

        HttpHeaders headers = new BackendRequestHeaders(List.of(ADDS_ASSERTION, DROPS_CLIENT_IDENTITY))
                .filter(sent, exchange);

        assertThat(headers.get("X-Auth-Assertion")).containsExactly("the gateway's");
        assertThat(headers.get("X-Auth-Subject")).containsExactly("verified");
        assertThat(headers.get("Accept")).containsExactly("*/*");
        assertThat(sent.get("X-Auth-Subject")).containsExactly("forged");
    }

    @Test
    void filterWhenSortedThenRequestsOnlyAfterTheHopByHopFilter() {
        BackendRequestHeaders headers = new BackendRequestHeaders(List.of());

        assertThat(headers.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
        assertThat(headers.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
        assertThat(headers.getOrder()).isEqualTo(FilterOrder.BACKEND_REQUEST_HEADERS);
    }
}
