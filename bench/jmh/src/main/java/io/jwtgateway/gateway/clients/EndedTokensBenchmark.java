package io.jwtgateway.gateway.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Authenticators;
import io.jwtgateway.gateway.authn.Credential;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
import io.jwtgateway.gateway.config.BenchDpopProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.dpop.DpopChecks;
import io.jwtgateway.gateway.observe.Observers;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.Refusals;
import io.jwtgateway.gateway.revocation.RevocationChecks;
import io.jwtgateway.gateway.token.Tokens;
import io.jwtgateway.gateway.verify.SigningKeys;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Mono;

/**
 * What ending a registered client's tokens early costs each request: {@link EndedTokens} in
 * {@link Authenticator#admit}, after the revoked set. {@code isEnded} is the check alone for a registered client's
 * token (a null test, a volatile read, a map lookup, a comparison and a set lookup); {@code requireCurrentStep} the
 * check as the pipeline runs it, one more {@code flatMap}, against {@code monoOnly} without it.
 * {@code admitRegisteredClient} is all of {@code admit} for a cached HS256 token with {@code client_id} and
 * {@code key_id}; {@code admitConfiguredKey} the same for a configured key's token, which has no {@code key_id} and
 * costs the check one null test; each builds a fresh exchange, which {@code exchangeOnly} measures alone. The registry
 * holds the token's client and {@code clients} others, each with a revoked key and a current one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EndedTokensBenchmark {

    static final String URL = "https://gateway.example/api/v3/orders";

    /** Registered clients beside the token's own. */
    @Param({"0", "10000"})
    public int clients;

    private final DefaultWebSessionManager sessions = new DefaultWebSessionManager();
    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
    private final AcceptHeaderLocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private EndedTokens ended;
    private Authenticator authenticator;
    private VerifiedToken registeredToken;
    private String registered;
    private String configured;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        AuthProperties auth = BenchAuthProperties.of("HS256", "api-keys[0].sha256=" + "0".repeat(64),
                "api-keys[0].subject=bench-configured", "api-keys[0].client-id=bench-configured");
        DpopProperties dpop = BenchDpopProperties.of();
        SigningKeys keys = Verifiers.signingKeys(auth);
        ended = ClientRegistries.endedTokens(auth, clock, clients, Tokens.OWNER);
        authenticator = Authenticators.of(Verifiers.verifier(keys, auth, clock),
                RevocationChecks.inMemory(auth, clock), ended, Observers.decisions(), Refusals.writer(auth, dpop),
                DpopChecks.inMemory(dpop, auth, clock));
        registered = Tokens.issue(Tokens.OWNER, Tokens.KEY, keys, auth, clock);
        Client readOnly = new Client("bench-configured", new ClientMetadata(null, "bench-configured",
                List.of("user"), List.of(), EnumSet.allOf(GrantType.class), null, null, false, ClientStatus.ACTIVE,
                List.of()),
                Instant.EPOCH, null, List.of(new ClientKey("config-0", new byte[32], Instant.EPOCH, null, null)), null,
                true);
        configured = Tokens.issue(readOnly, readOnly.keys().get(0), keys, auth, clock);
        registeredToken = admit(registered);
        VerifiedToken configuredToken = admit(configured);
        if (registeredToken.keyId() == null || configuredToken.keyId() != null || ended.isEnded(registeredToken)) {
            throw new IllegalStateException("the tokens are not a registered client's and a configured key's");
        }
    }

    @Benchmark
    public boolean isEnded() {
        return ended.isEnded(registeredToken);
    }

    @Benchmark
    public VerifiedToken requireCurrentStep() {
        return Mono.just(registeredToken).flatMap(ended::requireCurrent).block();
    }

    @Benchmark
    public VerifiedToken monoOnly() {
        return Mono.just(registeredToken).block();
    }

    @Benchmark
    public VerifiedToken admitRegisteredClient() {
        return admit(registered);
    }

    @Benchmark
    public VerifiedToken admitConfiguredKey() {
        return admit(configured);
    }

    @Benchmark
    public ServerWebExchange exchangeOnly() {
        return exchange(registered);
    }

    private VerifiedToken admit(String token) {
        return authenticator.admit(new Credential(exchange(token), token, false), Requirement.AUTHENTICATED).block();
    }

    private ServerWebExchange exchange(String token) {
        MockServerHttpRequest request = MockServerHttpRequest.get(URL)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT, "application/json")
                .build();
        return new DefaultServerWebExchange(request, new MockServerHttpResponse(), sessions, codecs, locales);
    }
}
