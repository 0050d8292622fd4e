package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.TrustedIssuer;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The issuers whose tokens are accepted, by exact {@code iss}: the gateway itself (its own keys; {@code jti} and
 * {@code typ: JWT} required, as it always writes them; {@code aud} its own audience or one service's name) and each {@code gateway.auth.trusted-issuers} entry (its
 * JWKS, kept fresh while the application runs).
 */
@Component
class Issuers implements SmartLifecycle {

    private static final int MAX_JWKS_BYTES = 512 * 1024;

    private final IssuerTrust own;
    private final Map<String, IssuerTrust> byIssuer = new HashMap<>();
    private final List<RemoteJwks> remotes = new ArrayList<>();
    private volatile boolean running;

    /**
     * The JWKS fetches are observed in {@code observations}: while tracing is on, a fetch a request waits on (a token
     * naming an unknown {@code kid}) is a span of that request's trace.
     */
    Issuers(SigningKeys signingKeys, AuthProperties properties, ServicesProperties services, Clock clock,
            VerificationMetrics metrics, ObservationRegistry observations) {
        KeySource ownKeys = new FixedKeys(signingKeys.verificationKeys());
        ClaimRules ownRules = new ClaimRules(properties.issuer(), List.of(properties.audience()), services.names(),
                TokenVerifier.ROLES_CLAIM, true, properties.maxTokenLifetime(), properties.clockSkew(), clock);
        this.own = new IssuerTrust(properties.issuer(), ownKeys, "JWT", ownRules, properties, clock);
        byIssuer.put(own.issuer(), own);
        WebClient client = jwksClient(observations);
        for (TrustedIssuer trusted : properties.trustedIssuers()) {
            RemoteJwks jwks = new RemoteJwks(trusted, client, metrics);
            ClaimRules rules = new ClaimRules(trusted.issuer(), trusted.audiences(), Set.of(), trusted.rolesClaim(),
                    false,
                    properties.maxTokenLifetime(), properties.clockSkew(), clock);
            byIssuer.put(trusted.issuer(), new IssuerTrust(trusted.issuer(), jwks, trusted.requiredType(), rules,
                    properties, clock));
            remotes.add(jwks);
        }
    }

    /** Who verifies the token: with no trusted issuers, always the gateway; else the one its {@code iss} names. */
    @Nullable IssuerTrust forToken(String token) {
        if (byIssuer.size() == 1) {
            return own;                                 // the parser still requires our issuer
        }
        String issuer = TokenIssuerPeek.issuer(token);
        return issuer == null ? null : byIssuer.get(issuer);
    }

    /** Whether every trusted issuer's JWKS has yielded at least one usable key; the own keys always have. */
    boolean haveKeys() {
        return remotes.stream().allMatch(RemoteJwks::hasKeys);
    }

    private static WebClient jwksClient(ObservationRegistry observations) {
        HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(5));
        return WebClient.builder()
                .observationRegistry(observations)
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_JWKS_BYTES))
                .build();
    }

    @Override
    public void start() {
        remotes.forEach(RemoteJwks::start);
        running = true;
    }

    @Override
    public void stop() {
        remotes.forEach(RemoteJwks::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The gateway's own keys: fixed at startup, so an unknown {@code kid} is simply unknown. */
    private record FixedKeys(KeySet current) implements KeySource {
        @Override
        public Mono<Boolean> refetch() {
            return Mono.just(false);
        }
    }
}
