package io.jwtgateway.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.authn.Authenticators;
import io.jwtgateway.gateway.clients.ClientRegistries;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
import io.jwtgateway.gateway.config.BenchDpopProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.dpop.DpopChecks;
import io.jwtgateway.gateway.observe.AuthDecisions;
import io.jwtgateway.gateway.observe.Observers;
import io.jwtgateway.gateway.policy.Policies;
import io.jwtgateway.gateway.refusal.Refusals;
import io.jwtgateway.gateway.revocation.RevocationChecks;
import io.jwtgateway.gateway.token.Tokens;
import io.jwtgateway.gateway.verify.SigningKeys;
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
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * The {@link AuthenticationFilter}'s work for one request, without a network: strip spoofed identity headers, read
 * the route's policy, find the bearer token, verify it, see that it came without a DPoP proof and needs none (one
 * header lookup), check the role; then the {@code X-Auth-*} headers that {@link ClaimHeaders} puts on the backend
 * request (here on a copy of the mock request's read-only headers). Each call builds a fresh exchange around a mock
 * request, as each request has its own; {@code exchangeOnly} measures that alone, to subtract.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FilterBenchmark {

    /** Verification per algorithm is {@code VerifyBenchmark}'s subject; override with {@code -p alg=RS256}. */
    @Param({"HS256"})
    public String alg;

    @Param({"true", "false"})
    public boolean cache;

    /** Shared by every exchange, as the server shares them; a mock exchange would make its own each time. */
    private final WebSessionManager sessions = new DefaultWebSessionManager();
    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private AuthenticationFilter filter;
    private String authorization;
    private Route route;

    private ClaimHeaders claimHeaders;

    /**
     * Stands in for routing: builds the backend request's headers with {@link ClaimHeaders}, as the routing filter
     * does, and fails the call unless they carry the verified subject, not the spoofed one.
     */
    private final GatewayFilterChain backend = exchange -> {
        HttpHeaders sent = claimHeaders.filter(exchange.getRequest().getHeaders(), exchange);
        return Tokens.SUBJECT.equals(sent.getFirst(ClaimHeaders.SUBJECT))
                ? Mono.empty()
                : Mono.error(new IllegalStateException("forwarded without " + ClaimHeaders.SUBJECT));
    };

    @Setup
    public void setUp() {
        AuthProperties properties = BenchAuthProperties.of(alg, "cache.enabled=" + cache);
        DpopProperties dpop = BenchDpopProperties.of();
        Clock clock = Clock.systemUTC();
        SigningKeys keys = Verifiers.signingKeys(properties);
        claimHeaders = new ClaimHeaders(properties);
        AuthDecisions decisions = Observers.decisions();
        filter = new AuthenticationFilter(claimHeaders, Policies.fromMatchedRoutes(), Authenticators.credentials(),
                Authenticators.of(Verifiers.verifier(keys, properties, clock),
                        RevocationChecks.inMemory(properties, clock),
                        ClientRegistries.endedTokens(properties, clock, 0, Tokens.OWNER), decisions,
                        Refusals.writer(properties, dpop),
                        DpopChecks.inMemory(dpop, properties, clock)),
                decisions);
        authorization = "Bearer " + Tokens.issuing(keys, properties, clock).get();
        route = Route.async()                           // as application.yml's routes: a role to hold
                .id("orders")
                .uri("lb://backend")
                .predicate(exchange -> true)
                .metadata("auth", "authenticated")
                .metadata("roles", List.of("user"))
                .build();
        ServerWebExchange probe = exchange();
        filter.filter(probe, backend).block();
        if (probe.getResponse().getStatusCode() != null) {
            throw new IllegalStateException("the filter refused the benchmark request: "
                    + probe.getResponse().getStatusCode());
        }
    }

    @Benchmark
    public ServerWebExchange exchangeOnly() {
        return exchange();
    }

    @Benchmark
    public ServerWebExchange authenticatedRequest() {
        ServerWebExchange exchange = exchange();
        filter.filter(exchange, backend).block();
        return exchange;
    }

    /** A request as it reaches the filter: a matched route, a bearer token, a client-sent identity header to strip. */
    private ServerWebExchange exchange() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/v3/orders")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, "application/json")
                .header("X-Auth-Subject", "spoofed")
                .build();
        ServerWebExchange exchange = new DefaultServerWebExchange(request, new MockServerHttpResponse(), sessions,
                codecs, locales);
        exchange.getAttributes().put(GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
