package io.jwtgateway.gateway.assertion;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.verify.AssertionKey;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.jwtgateway.gateway.verify.Verifiers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * What the identity assertion costs a request. {@code signUncached} signs one, as every request would without the
 * cache ({@code gateway.auth.assertion.cache-size=0}); {@code cachedHit} is {@link AssertionCache#assertionFor} for a
 * token and audience seen before, what nearly every request pays (a key of the token's claims, a Caffeine lookup, a
 * clock check); {@code headerCached} is {@link AssertionHeader#edit} as the backend request's headers are built: the
 * exchange's token and route, the service's audience, the cached assertion and the header set. The token is a verified
 * one with roles, a scope, a client and a {@code jti}; the assertions live 60 s, so a cached one is reused 30 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AssertionBenchmark {

    @Param({"ES256", "EdDSA"})
    public String alg;

    private AssertionSigner signer;
    private AssertionCache cache;
    private AssertionHeader header;
    private VerifiedToken token;
    private ServerWebExchange exchange;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        AuthProperties auth = BenchAuthProperties.of("HS256");
        AssertionProperties properties = new AssertionProperties("X-Auth-Assertion", Duration.ofSeconds(60), alg,
                null, 10_000);
        AssertionKey key = Verifiers.assertionKey(properties, Verifiers.signingKeys(auth));
        signer = new AssertionSigner(key, auth, properties, clock);
        cache = new AssertionCache(signer, properties, clock);
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "gateway.backend.uris", "http://localhost:8081",
                "gateway.services.orders.uris", "http://localhost:8082")));
        ServiceAudiences audiences = new ServiceAudiences(
                binder.bindOrCreate("gateway.backend", BackendProperties.class),
                binder.bindOrCreate("gateway", ServicesProperties.class));
        header = new AssertionHeader(properties, audiences, cache);
        Instant now = clock.instant();
        token = new VerifiedToken("jwt-gateway", "alice", List.of("user", "reporting"), List.of("orders:read"),
                "0f8b6d7e-3c1a-4e8e-9a55-2f1c7d9b4e21", now, now.plus(Duration.ofHours(1)), null, "billing", null, null,
                null);
        exchange = new DefaultServerWebExchange(MockServerHttpRequest.get("https://gateway.example/orders/1").build(),
                new MockServerHttpResponse(), new DefaultWebSessionManager(), ServerCodecConfigurer.create(),
                new AcceptHeaderLocaleContextResolver());
        exchange.getAttributes().put(VerifiedToken.EXCHANGE_ATTRIBUTE, token);
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, Route.async().id("orders").uri("lb://orders")
                .predicate(any -> true).build());
        if (headerCached().getFirst("X-Auth-Assertion") == null) {
            throw new IllegalStateException("no assertion for the route's service");
        }
    }

    @Benchmark
    public String signUncached() {
        return signer.sign(token, "orders").value();
    }

    @Benchmark
    public String cachedHit() {
        return cache.assertionFor(token, "orders");
    }

    @Benchmark
    public HttpHeaders headerCached() {
        HttpHeaders headers = new HttpHeaders();
        header.edit(headers, exchange);
        return headers;
    }
}
