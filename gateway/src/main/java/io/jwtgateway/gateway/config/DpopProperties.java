package io.jwtgateway.gateway.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sender-constrained tokens, DPoP (RFC 9449), at the token endpoints and on every route ({@code gateway.auth.dpop.*}).
 * DPoP is always accepted; these settings say how strictly.
 *
 * @param required      whether every token must be bound: the token endpoints refuse a request without a proof, and
 *                      every authenticated route and endpoint refuses an unbound token
 * @param algorithms    the JWS {@code alg} values a proof may be signed with; asymmetric ones only
 * @param proofMaxAge   how old a proof's {@code iat} may be (plus {@code gateway.auth.clock-skew} either way); a
 *                      proof's {@code jti} is remembered that long, so no proof is accepted twice
 * @param publicBaseUrl the scheme, host and port (and any path prefix) clients use to reach the gateway, when a proxy
 *                      in front of it changes them: the {@code htu} a proof must name is this plus the request path;
 *                      unset: the request's own URL
 * @param replay        where used proofs are remembered
 * @param nonce         server-provided nonces (RFC 9449 §8, §9)
 */
@Validated
@ConfigurationProperties("gateway.auth.dpop")
public record DpopProperties(
        boolean required,
        // @formatter:off                               Eclipse breaks an array-valued annotation on a record component
        @DefaultValue({"ES256", "RS256", "PS256", "EdDSA"}) List<String> algorithms,
        // @formatter:on
        @DefaultValue("60s") Duration proofMaxAge,
        @Nullable URI publicBaseUrl,
        @DefaultValue @Valid Replay replay,
        @DefaultValue @Valid Nonce nonce) {

    private static final String PREFIX = "gateway.auth.dpop.";

    /** Far above any client's need; a proof is made for one request. */
    private static final Duration LONGEST_PROOF_AGE = Duration.ofHours(1);

    public DpopProperties {
        algorithms = List.copyOf(algorithms);
        ConfigurationProblems problems = new ConfigurationProblems();
        checkAlgorithms(algorithms, problems);
        if (proofMaxAge.isNegative() || proofMaxAge.isZero() || proofMaxAge.compareTo(LONGEST_PROOF_AGE) > 0) {
            problems.add(PREFIX + "proof-max-age", "must be positive and at most 1h (was " + proofMaxAge + ")");
        }
        if (publicBaseUrl != null && !isBaseUrl(publicBaseUrl)) {
            problems.add(PREFIX + "public-base-url", "must be an absolute http(s) URL without query or fragment, "
                    + "such as https://api.example.com");
        }
        replay.check(problems);
        nonce.check(problems);
        problems.throwIfAny();
    }

    /** The accepted algorithms, in the configured order. */
    public List<SigningAlgorithm> signingAlgorithms() {
        return algorithms.stream().map(SigningAlgorithm::of).flatMap(Optional::stream).toList();
    }

    private static void checkAlgorithms(List<String> algorithms, ConfigurationProblems problems) {
        List<SigningAlgorithm> asymmetric = SigningAlgorithm.offered(algorithm -> !algorithm.isSymmetric());
        if (algorithms.isEmpty()) {
            problems.add(PREFIX + "algorithms", "must name at least one of " + SigningAlgorithm.names(asymmetric));
        }
        for (int i = 0; i < algorithms.size(); i++) {
            Optional<SigningAlgorithm> known = SigningAlgorithm.of(algorithms.get(i));
            if (known.isEmpty() || known.get().isSymmetric()) {
                problems.add(PREFIX + "algorithms[" + i + "]", "must be an asymmetric JWS algorithm such as "
                        + SigningAlgorithm.names(asymmetric, "or") + " (was '" + algorithms.get(i) + "')");
            }
        }
    }

    private static boolean isBaseUrl(URI url) {
        return url.isAbsolute() && url.getHost() != null && url.getRawQuery() == null && url.getRawFragment() == null
                && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()));
    }

    /**
     * Where the {@code jti} of every accepted proof is kept until the proof is too old to be accepted anyway.
     *
     * @param store      {@code memory}: this replica only; {@code redis}: shared by every replica through
     *                   {@code spring.data.redis.*}, so a proof replayed on another replica is refused too
     * @param maxEntries the most proofs kept in memory; when full of proofs still within their age, new proofs are
     *                   refused (503) rather than any forgotten
     * @param timeout    the longest the Redis check may take; a proof Redis cannot vouch for is refused (503)
     */
    public record Replay(
            @DefaultValue("memory") RevocationProperties.Store store,
            @DefaultValue("500000") int maxEntries,
            @DefaultValue("1s") Duration timeout) {

        void check(ConfigurationProblems problems) {
            if (maxEntries < 1000) {
                problems.add(PREFIX + "replay.max-entries", "must be at least 1000");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                problems.add(PREFIX + "replay.timeout", "must be positive");
            }
        }
    }

    /**
     * Nonces the gateway provides, which proofs must then carry: {@code use_dpop_nonce} and a {@code DPoP-Nonce}
     * header (RFC 9449 §8) answer a proof without a current one. Every replica derives the same nonce from
     * {@code secret} and the time, so a nonce from one replica is good on all of them.
     *
     * @param enabled  whether proofs must carry a nonce of ours
     * @param secret   the key nonces are derived from, at least 32 bytes (UTF-8), the same on every replica
     * @param rotation how often the nonce changes; the one before stays valid for one more rotation
     */
    public record Nonce(boolean enabled, @Nullable String secret, @DefaultValue("5m") Duration rotation) {

        static final int MIN_SECRET_BYTES = 32;

        void check(ConfigurationProblems problems) {
            if (enabled && (secret == null || secret.getBytes(UTF_8).length < MIN_SECRET_BYTES)) {
                problems.add(PREFIX + "nonce.secret", "must be at least " + MIN_SECRET_BYTES + " bytes (UTF-8) when "
                        + "gateway.auth.dpop.nonce.enabled is true, and the same on every replica");
            }
            if (rotation.compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(PREFIX + "nonce.rotation", "must be at least 1s");
            }
        }

        @Override
        public String toString() {                      // the generated one would print the secret
            return "Nonce[enabled=%s, rotation=%s]".formatted(enabled, rotation);
        }
    }
}
