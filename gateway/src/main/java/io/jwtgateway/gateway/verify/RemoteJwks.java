package io.jwtgateway.gateway.verify;

import java.net.URI;
import java.security.Key;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.KeyOperation;
import io.jsonwebtoken.security.PublicJwk;
import io.jwtgateway.gateway.config.AuthProperties.TrustedIssuer;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trusted issuer's JWKS: fetched without blocking, refreshed in the background, and refetched when a token names an
 * unknown {@code kid} — at most once per {@code jwks-refetch-interval}, so random kids cannot hammer the provider.
 * Concurrent askers share one fetch. A failed fetch keeps the last good keys; with none, every token is refused. An
 * empty key set is not a failure: it withdraws every key.
 * Only public signature keys are taken: an {@code oct} (HMAC) key in a JWKS is never trusted.
 */
final class RemoteJwks implements KeySource {

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TrustedIssuer issuer;
    private final String jwksLocation;
    private final WebClient client;
    private final AtomicReference<KeySet> keys = new AtomicReference<>(KeySet.EMPTY);
    private final AtomicReference<@Nullable Mono<Boolean>> inFlight = new AtomicReference<>();
    private final AtomicLong lastRefetchNanos;
    private final Counter fetched;
    private final Counter failed;
    private @Nullable Disposable refresher;

    RemoteJwks(TrustedIssuer issuer, WebClient client, VerificationMetrics metrics) {
        this.issuer = issuer;
        this.jwksLocation = location(issuer.jwksUri());
        this.client = client;
        this.fetched = metrics.jwksFetches(issuer.issuer(), "success");
        this.failed = metrics.jwksFetches(issuer.issuer(), "failure");
        this.lastRefetchNanos = new AtomicLong(System.nanoTime() - issuer.jwksRefetchInterval().toNanos());
    }

    @Override
    public KeySet current() {
        return keys.get();
    }

    /** Whether a fetch has yielded a usable key; stays true when later fetches fail, as the keys are kept. */
    boolean hasKeys() {
        return keys.get().size() > 0;
    }

    @Override
    public Mono<Boolean> refetch() {
        Mono<Boolean> running = inFlight.get();
        if (running != null) {
            return running;                                     // join the fetch under way
        }
        long last = lastRefetchNanos.get();
        long now = System.nanoTime();
        if (now - last < issuer.jwksRefetchInterval().toNanos() || !lastRefetchNanos.compareAndSet(last, now)) {
            return Mono.just(false);
        }
        return fetch();
    }

    /** Fetches now and every {@code jwks-refresh-interval} after, until {@link #stop()}. */
    void start() {
        refresher = Flux.interval(Duration.ZERO, issuer.jwksRefreshInterval())
                .onBackpressureDrop()
                .concatMap(tick -> fetch())
                .subscribe();
    }

    void stop() {
        if (refresher != null) {
            refresher.dispose();
        }
    }

    /** One fetch shared by everyone asking while it runs. */
    private Mono<Boolean> fetch() {
        Mono<Boolean> fetch = Mono.defer(this::download)
                .map(this::install)
                .onErrorResume(this::keepLastKeys)
                .doFinally(signal -> inFlight.set(null))
                .cache();
        return inFlight.compareAndSet(null, fetch) ? fetch : Mono.defer(() -> {
            Mono<Boolean> other = inFlight.get();
            return other != null ? other : Mono.just(false);
        });
    }

    private Mono<String> download() {
        return client.get()
                .uri(issuer.jwksUri())
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT);
    }

    private boolean install(String json) {
        List<VerificationKey> accepted = new ArrayList<>();
        if (!withdrawsEveryKey(json)) {
            JwkSet set = Jwks.setParser().json(JwtJson.reader()).build().parse(json);
            for (Jwk<?> jwk : set) {
                VerificationKey key = verificationKey(jwk);
                if (key != null) {
                    accepted.add(key);
                }
            }
        }
        keys.set(new KeySet(accepted));
        fetched.increment();
        log.debug("JWKS of {} loaded: {} signature keys", issuer.issuer(), accepted.size());
        return true;
    }

    /**
     * {@code {"keys": []}}: the provider says no key is valid any more (RFC 7517 §5 allows an empty set). JJWT refuses
     * to parse it, which would otherwise keep the withdrawn keys trusted as if the fetch had failed.
     */
    private static boolean withdrawsEveryKey(String json) {
        JsonNode keys = JSON.readTree(json).get("keys");
        return keys != null && keys.isArray() && keys.isEmpty();
    }

    /** A public signature key with an algorithm we accept that fits it, or null. */
    private static @Nullable VerificationKey verificationKey(Jwk<?> jwk) {
        if (!(jwk instanceof PublicJwk<?> publicJwk) || !verifiesSignatures(publicJwk)) {
            return null;
        }
        Key key = jwk.toKey();
        @Nullable SigningAlgorithm algorithm = (jwk.getAlgorithm() != null
                ? SigningAlgorithm.of(jwk.getAlgorithm())
                : Algorithms.forPublicKey((PublicKey) key, SigningAlgorithm.RS256))
                .filter(candidate -> !candidate.isSymmetric() && Algorithms.misfit(candidate, key) == null)
                .orElse(null);
        if (algorithm == null) {
            return null;
        }
        String keyId = jwk.getId() != null ? jwk.getId() : publicJwk.thumbprint().toString();
        return new VerificationKey(keyId, algorithm, key);
    }

    /**
     * RFC 7517 §4.2 and §4.3: a key published for encryption ({@code use: enc}), or whose {@code key_ops} leave out
     * {@code verify}, does not verify signatures, even when its {@code kid} is named.
     */
    private static boolean verifiesSignatures(PublicJwk<?> jwk) {
        if (jwk.getPublicKeyUse() != null && !"sig".equals(jwk.getPublicKeyUse())) {
            return false;
        }
        Set<KeyOperation> operations = jwk.getOperations();
        return operations == null || operations.isEmpty()
                || operations.stream().anyMatch(operation -> "verify".equals(operation.getId()));
    }

    private Mono<Boolean> keepLastKeys(Throwable failure) {
        failed.increment();
        log.warn("Fetching the JWKS of {} from {} failed ({}); keeping the {} keys already known",
                issuer.issuer(), jwksLocation, failure.getClass().getSimpleName(), keys.get().size());
        return Mono.just(false);
    }

    /** The JWKS URI for logs: without user info or query, either of which may carry a credential. */
    private static String location(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
