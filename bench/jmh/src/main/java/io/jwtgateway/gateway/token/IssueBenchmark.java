package io.jwtgateway.gateway.token;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.BenchAuthProperties;
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

/**
 * Issuing one token: the claims, the JSON, the signature and the compact form, as the token endpoint does for each
 * request once the API key is known.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class IssueBenchmark {

    @Param({"HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"})
    public String alg;

    private TokenIssuer issuer;

    @Setup
    public void setUp() {
        AuthProperties properties = BenchAuthProperties.of(alg);
        Clock clock = Clock.systemUTC();
        issuer = new TokenIssuer(Verifiers.signingKeys(properties), properties, clock);
    }

    @Benchmark
    public String issue() {
        return issuer.issue(Tokens.OWNER, Tokens.KEY, null).token();
    }
}
