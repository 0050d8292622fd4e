package io.jwtgateway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The identity assertion ({@code gateway.auth.assertion.*}): a short-lived JWT the gateway signs for each request it
 * forwards with a verified token, which a backend verifies with the gateway's published keys, as with Google IAP's
 * {@code x-goog-iap-jwt-assertion}. Always signed with an asymmetric key of its own, so no backend can make one and
 * the gateway never takes one for a token. Which services get it is each service's {@code assertion.*}.
 *
 * @param headerName the request header that carries it to the backend; the same header a client sends is always
 *                   removed
 * @param lifetime   how long an assertion is valid, from 1s to 10m; never past the token's own {@code exp}
 * @param algorithm  ES256 or EdDSA
 * @param privateKey a PKCS#8 PEM file with the private key, the same on every replica so that any backend verifies
 *                   what any replica signs ({@code java -jar gateway.jar keys generate ES256} makes one); it must not
 *                   be {@code gateway.auth.signing.private-key}; unset: a key pair for this process only
 * @param cacheSize  the most signed assertions kept for reuse, one per token and service; 0 signs one per request
 */
@Validated
@ConfigurationProperties("gateway.auth.assertion")
public record AssertionProperties(
        @DefaultValue("X-Auth-Assertion") String headerName,
        @DefaultValue("60s") Duration lifetime,
        @DefaultValue("ES256") String algorithm,
        @Nullable Path privateKey,
        @DefaultValue("10000") int cacheSize) {

    /** The algorithms an assertion may be signed with: asymmetric, and compact. */
    public static final List<SigningAlgorithm> ALGORITHMS = List.of(SigningAlgorithm.ES256, SigningAlgorithm.EdDSA);

    private static final String PREFIX = "gateway.auth.assertion.";

    /** An RFC 9110 §5.6.2 token: what a header name may be. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    private static final Duration LONGEST = Duration.ofMinutes(10);

    public AssertionProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        if (!HEADER_NAME.matcher(headerName).matches()) {
            problems.add(PREFIX + "header-name", "must be a header name (letters, digits and '-'), such as "
                    + "X-Auth-Assertion");
        } else if (isReserved(headerName)) {
            problems.add(PREFIX + "header-name", "must not be a header HTTP or the gateway already uses (was '"
                    + headerName + "')");
        }
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(LONGEST) > 0) {
            problems.add(PREFIX + "lifetime", "must be between 1s and 10m (was " + lifetime + ")");
        }
        if (algorithmNamed(algorithm).isEmpty()) {
            problems.add(PREFIX + "algorithm", "must be " + SigningAlgorithm.names(ALGORITHMS, "or") + " (was '"
                    + algorithm + "')");
        }
        if (cacheSize < 0) {
            problems.add(PREFIX + "cache-size", "must not be negative");
        }
        problems.throwIfAny();
    }

    /** The configured algorithm when it is one of {@link #ALGORITHMS}; empty otherwise, which is reported. */
    public Optional<SigningAlgorithm> signingAlgorithm() {
        return algorithmNamed(algorithm);
    }

    private static Optional<SigningAlgorithm> algorithmNamed(String name) {
        return SigningAlgorithm.of(name).filter(ALGORITHMS::contains);
    }

    private static boolean isReserved(String name) {
        return List.of("authorization", "cookie", "host", "dpop", "connection", "content-length", "content-type",
                "transfer-encoding", "x-request-id").contains(name.toLowerCase(Locale.ROOT));
    }
}
