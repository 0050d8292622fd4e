package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import io.jwtgateway.gateway.testing.TestTokens;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * One pass builds the backend request's headers, into Netty's, exactly as the header filters it stands for do one by
 * one: the same names with the same values, for requests that exercise each filter's rule.
 */
@SpringBootTest(properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.uris=http://127.0.0.1:9", "gateway.auth.cookie.name=gw_token"})
class OnePassRequestHeadersTests {

    @Autowired
    List<HttpHeadersFilter> filters;

    @Autowired
    @Qualifier("routingFilter") GlobalFilter routingFilter;

    @Test
    void routingFilterWhenTheDefaultHeaderFiltersThenTheGatewaysOwnInOnePassEachWay() {
        assertThat(((RoutingFilters) routingFilter).gatewaysOwn()).isNotNull();
        assertThat(OnePassRequestHeaders.replacing(filters)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Accept: */*|User-Agent: curl",
            "Connection: keep-alive, X-Custom|X-Custom: 1|Keep-Alive: timeout=5|X-Other: 2",
            "Connection: X-Auth-Subject|X-Auth-Subject: admin|x_auth_roles: admin|X-AUTH-Issuer: me",
            "Forwarded: for=1.2.3.4|X-Forwarded-For: 1.2.3.4|x-forwarded-proto: https|X-Forwarded-Host: evil",
            "Transfer-Encoding: chunked|Content-Length: 12|TE: trailers|Trailer: X-T|Upgrade: h2c",
            "Transfer-Encoding:  Chunked |Content-Length: 12",
            "Content-Length: 12|Content-Type: application/json",
            "Content-Type: application/grpc+proto|TE: trailers",
            "Proxy-Authorization: Basic eA==|Proxy-Authenticate: x|X-Application-Context: a",
            "Cookie: a=1; gw_token=secret; b=2|Authorization: Bearer abc",
            "Cookie: gw_token=secret",
            "X-Request-Id: client-id|Accept: text/html|Accept: application/json",
            "connection: close, te|te: trailers|x-keep: 1"})
    void backendRequestHeadersWhenOnePassThenTheSameAsTheFiltersOneByOne(String sent) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/v3/home");
        for (String header : sent.split("\\|")) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put("io.jwtgateway.gateway.observe.RequestId", "generated-id");

        HttpHeaders oneByOne = HttpHeadersFilter.filterRequest(filters, exchange);
        DefaultHttpHeaders onePass = new DefaultHttpHeaders();
        OnePassRequestHeaders.replacing(filters).write(exchange, onePass);

        assertThat(byName(new HttpHeaders(new Netty4HeadersAdapter(onePass)))).isEqualTo(byName(oneByOne));
    }

    @Test
    void headerFiltersWhenATrustedProxyAddsXForwardedThenNoOnePass() {
        List<HttpHeadersFilter> withProxy = new java.util.ArrayList<>(filters);
        withProxy.add(0, new XForwardedHeadersFilter("127\\.0\\.0\\.1"));

        assertThat(OnePassRequestHeaders.replacing(withProxy)).isNull();
    }

    private static Map<String, List<String>> byName(HttpHeaders headers) {
        Map<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> names.put(name, List.copyOf(values)));
        return names;
    }
}
