package io.jwtgateway.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits over real HTTP. Requests come straight from the test ({@code localhost}, an untrusted peer) or through
 * a "proxy": a client whose connections leave from {@code 127.0.0.2}, the one trusted proxy, so its
 * {@code X-Forwarded-For} picks the client address and each test can have fresh buckets. Buckets fill at each whole
 * second, so a test that spends one checks "spent" as fewer tokens left than a fresh bucket has after one request.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.rate-limit.routes.public.replenish-rate=1",
        "gateway.rate-limit.routes.public.burst-capacity=3",
        "gateway.rate-limit.routes.authenticated.replenish-rate=1",
        "gateway.rate-limit.routes.authenticated.burst-capacity=3",
        "gateway.rate-limit.trusted-proxies=" + RateLimitTests.PROXY})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class RateLimitTests {

    static final String PROXY = "127.0.0.2";
    static final int ROUTE_BURST = 3;
    static final int AUTH_BURST = 10;                              // the default of gateway.rate-limit.auth-endpoints
    static final String XFF = "X-Forwarded-For";

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUri(DynamicPropertyRegistry registry) {
        backend.start();
        registry.add("gateway.backend.uris", backend::baseUrl);
    }

    @AfterAll
    static void stopBackend() {
        backend.stop();
    }

    @Autowired
    WebTestClient direct;

    @LocalServerPort
    int port;

    WebTestClient proxy;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void setUp() {
        backend.resetAll();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        HttpClient fromProxy = HttpClient.create().bindAddress(() -> new InetSocketAddress(PROXY, 0));
        proxy = WebTestClient.bindToServer(new ReactorClientHttpConnector(fromProxy))
                .baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void authWhenBurstSpentFromOneAddressThenTooManyRequestsWithRetryAfterAndProblem() {
        EntityExchangeResult<byte[]> first = apiKeyRequest(direct, null);
        assertThat(first.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);   // counted, whatever the outcome
        assertThat(first.getResponseHeaders().getFirst(RateLimiting.LIMIT_HEADER)).isEqualTo("10");
        assertThat(first.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("9");

        Refusal refusal = untilRefused(() -> apiKeyRequest(direct, null));

        assertThat(1 + refusal.served()).isGreaterThanOrEqualTo(AUTH_BURST);
        HttpHeaders headers = refusal.response().getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst(RateLimiting.LIMIT_HEADER)).isEqualTo("10");
        assertThat(headers.getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("0");
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = refusal.json();
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("error").asString()).isEqualTo("rate_limited");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v3/auth");
        assertThat(problem.has("data")).isFalse();                         // the endpoint never ran
    }

    @Test
    void oauthTokenWhenSameAddressSpentApiV3AuthThenSameBucket() {
        String client = "198.51.100.10";
        servedUntilRefused(() -> apiKeyRequest(proxy, client));

        EntityExchangeResult<byte[]> token = proxy.post().uri("/oauth2/token").header(XFF, client)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=demo&client_secret=wrong").exchange()
                .expectBody().returnResult();

        assertSpent(token, AUTH_BURST);
    }

    @Test
    void authWhenAnotherClientBehindTrustedProxyThenOwnBucket() {
        servedUntilRefused(() -> apiKeyRequest(proxy, "198.51.100.11"));

        EntityExchangeResult<byte[]> other = apiKeyRequest(proxy, "198.51.100.12");

        assertThat(other.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(other.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("9");
    }

    @Test
    void authWhenPathPercentEncodedThenCountedLikeThePlainPath() {
        URI encoded = URI.create("http://127.0.0.1:" + port + "/api/v3/%61uth");
        proxy.post().uri(encoded).header(XFF, "198.51.100.13").header("X-API-Key", "a-wrong-key").exchange()
                .expectHeader().valueEquals(RateLimiting.REMAINING_HEADER, "9")
                .expectBody(Void.class);

        EntityExchangeResult<byte[]> plain = apiKeyRequest(proxy, "198.51.100.13");

        assertThat(plain.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER)).isIn("8", "9");
    }

    @Test
    void publicWhenBurstSpentThenTooManyRequestsAndBackendSawOnlyServedOnes() {
        String path = "/api/v3/public/burst";
        EntityExchangeResult<byte[]> first = publicRequest(proxy, path, "198.51.100.20");
        assertThat(first.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(first.getResponseHeaders().getFirst(RateLimiting.LIMIT_HEADER)).isEqualTo("3");
        assertThat(first.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("2");

        Refusal refusal = untilRefused(() -> publicRequest(proxy, path, "198.51.100.20"));

        int served = 1 + refusal.served();
        assertThat(served).isGreaterThanOrEqualTo(ROUTE_BURST);
        backend.verify(served, getRequestedFor(urlEqualTo(path)));
        HttpHeaders headers = refusal.response().getResponseHeaders();
        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst(RateLimiting.LIMIT_HEADER)).isEqualTo("3");
        assertThat(headers.getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("0");
        assertThat(refusal.json().get("error").asString()).isEqualTo("rate_limited");
    }

    @Test
    void publicWhenUntrustedPeerSpoofsForwardedForThenItsOwnAddressIsTheKey() {
        String path = "/api/v3/public/spoof";
        int[] spoofed = {0};
        servedUntilRefused(() -> publicRequest(direct, path, "203.0.113." + ++spoofed[0]));

        EntityExchangeResult<byte[]> yetAnotherAddress = publicRequest(direct, path, "203.0.113.250");
        EntityExchangeResult<byte[]> realClientOfThatAddress = publicRequest(proxy, path, "203.0.113.1");

        assertSpent(yetAnotherAddress, ROUTE_BURST);
        assertThat(realClientOfThatAddress.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER))
                .isEqualTo("2");
    }

    @Test
    void secretWhenOneSubjectSpentThenAnotherSubjectHasOwnBucketAndRefusalsNeverReachBackend() {
        String alice = tokens.valid().subject("alice-ratelimit").sign();
        String bob = tokens.valid().subject("bob-ratelimit").sign();

        int served = servedUntilRefused(() -> secretRequest(direct, alice, null));

        assertThat(served).isGreaterThanOrEqualTo(ROUTE_BURST);
        backend.verify(served, getRequestedFor(urlEqualTo("/api/v3/secret"))
                .withHeader("X-Auth-Subject", equalTo("alice-ratelimit")));
        EntityExchangeResult<byte[]> bobs = secretRequest(direct, bob, null);
        assertThat(bobs.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(bobs.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER)).isEqualTo("2");
    }

    @Test
    void secretWhenSameSubjectFromTwoAddressesThenOneBucket() {
        String carol = tokens.valid().subject("carol-ratelimit").sign();
        servedUntilRefused(() -> secretRequest(direct, carol, null));

        EntityExchangeResult<byte[]> elsewhere = secretRequest(proxy, carol, "198.51.100.30");

        assertSpent(elsewhere, ROUTE_BURST);
    }

    @Test
    void secretWhenTokenInvalidThenUnauthorizedBeforeAnyCounting() {
        direct.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(RateLimiting.REMAINING_HEADER)
                .expectBody(Void.class);
    }

    @Test
    void adminWhenRouteHasNoLimitThenServedWithoutRateLimitHeaders() {
        String admin = tokens.valid().subject("dave-ratelimit").roles("admin").sign();

        for (int i = 0; i < ROUTE_BURST * 3; i++) {
            direct.get().uri("/api/v3/admin").headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist(RateLimiting.LIMIT_HEADER)
                    .expectHeader().doesNotExist(RateLimiting.REMAINING_HEADER)
                    .expectBody(Void.class);
        }
    }

    /** Sends until the first 429 (which is not counted) and returns how many were served before it. */
    static int servedUntilRefused(Supplier<EntityExchangeResult<byte[]>> request) {
        return untilRefused(request).served();
    }

    static Refusal untilRefused(Supplier<EntityExchangeResult<byte[]>> request) {
        for (int served = 0; served < 200; served++) {
            EntityExchangeResult<byte[]> response = request.get();
            if (response.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                return new Refusal(served, response);
            }
        }
        throw new AssertionError("never refused");
    }

    /** The first 429, and how many requests were served before it. */
    record Refusal(int served, EntityExchangeResult<byte[]> response) {

        JsonNode json() {
            return JsonMapper.builder().build().readTree(response.getResponseBodyContent());
        }
    }

    /** Refused, or served from a bucket that refilled a little since: never a fresh bucket's burst minus one. */
    static void assertSpent(EntityExchangeResult<byte[]> result, int burst) {
        String remaining = result.getResponseHeaders().getFirst(RateLimiting.REMAINING_HEADER);
        assertThat(remaining).isNotNull();
        assertThat(Integer.parseInt(remaining)).isLessThan(burst - 1);
    }

    private static EntityExchangeResult<byte[]> apiKeyRequest(WebTestClient client, String forwardedFor) {
        return client.post().uri("/api/v3/auth").header("X-API-Key", "a-wrong-key")
                .headers(h -> forwardedFor(h, forwardedFor)).exchange()
                .expectBody().returnResult();
    }

    private static EntityExchangeResult<byte[]> publicRequest(WebTestClient client, String path, String forwardedFor) {
        return client.get().uri(path).headers(h -> forwardedFor(h, forwardedFor)).exchange()
                .expectBody().returnResult();
    }

    private static EntityExchangeResult<byte[]> secretRequest(WebTestClient client, String token,
            String forwardedFor) {
        return client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token))
                .headers(h -> forwardedFor(h, forwardedFor)).exchange()
                .expectBody().returnResult();
    }

    private static void forwardedFor(HttpHeaders headers, String address) {
        if (address != null) {
            headers.set(XFF, address);
        }
    }
}
