package io.jwtgateway.gateway.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How tokens are issued and verified ({@code gateway.auth.*}). Every rule the binder cannot express is checked here,
 * the nested records' included (only this record knows their property paths and list indexes), so a weak or
 * inconsistent configuration stops the process at startup with one {@link InvalidConfigurationException} listing
 * every property that is wrong.
 *
 * @param hmacSecret       the secret that signs and verifies HS256, HS384 or HS512 tokens: at least 32, 48 or 64
 *                         bytes (UTF-8) respectively; unset: a random key for this process only, so no token
 *                         survives a restart or is accepted by another replica
 * @param signing          the algorithm and key pair that sign the gateway's own tokens, and retired keys
 * @param tokenTtl         how long an issued token lives
 * @param clockSkew        leeway for {@code exp}, {@code nbf} and {@code iat} when verifying
 * @param maxTokenLifetime the longest {@code exp - iat} accepted from any issuer (RFC 8725 §3.10)
 * @param maxTokenBytes    tokens longer than this are refused before any parsing; between 256B and 64KB
 * @param issuer           the {@code iss} claim written and required; in production the gateway's public base URL
 *                         (RFC 8414 §2), which then starts every URL the discovery documents publish
 * @param audience         the {@code aud} claim written and required
 * @param realm            the realm named in {@code WWW-Authenticate} challenges
 * @param forwardToken     whether the {@code Authorization} header travels on to the backend
 * @param apiKeys          the API keys that may obtain a token; none: a demo key is made at startup and printed once,
 *                         for local use
 * @param trustedIssuers   external identity providers whose tokens are accepted, each with its JWKS
 * @param cache            the cache of verified tokens: a hit skips the signature check, never the expiry check
 */
@Validated
@ConfigurationProperties("gateway.auth")
public record AuthProperties(
        @Nullable String hmacSecret,
        @DefaultValue @Valid Signing signing,
        @DefaultValue("3m") Duration tokenTtl,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue("8KB") DataSize maxTokenBytes,
        @DefaultValue("jwt-gateway") @NotBlank String issuer,
        @DefaultValue(AuthProperties.DEFAULT_AUDIENCE) @NotBlank String audience,
        @DefaultValue("jwt-gateway") @Pattern(regexp = "[\\x20-\\x7E&&[^\"\\\\]]+") String realm,
        boolean forwardToken,
        @DefaultValue @Valid List<ApiKey> apiKeys,
        @DefaultValue @Valid List<TrustedIssuer> trustedIssuers,
        @DefaultValue @Valid Cache cache) {

    /** What {@code gateway.auth.audience} is when left out. */
    public static final String DEFAULT_AUDIENCE = "jwt-gateway-backends";

    /** The shortest HS256 secret RFC 7518 §3.2 allows: as many bytes as the hash output. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    /** Far above any real token; request header limits are of the same order. */
    static final long MAX_TOKEN_BYTES_CEILING = 64 * 1024;

    private static final String PREFIX = "gateway.auth.";

    public AuthProperties {
        apiKeys = List.copyOf(apiKeys);
        trustedIssuers = List.copyOf(trustedIssuers);
        ConfigurationProblems problems = new ConfigurationProblems();
        signing.check(problems);
        if (hmacSecret != null) {
            checkHmacSecret(hmacSecret, signing, problems);
        }
        positive(problems, PREFIX + "token-ttl", tokenTtl);
        positive(problems, PREFIX + "max-token-lifetime", maxTokenLifetime);
        if (clockSkew.isNegative()) {
            problems.add(PREFIX + "clock-skew", "must not be negative");
        }
        if (tokenTtl.compareTo(maxTokenLifetime) > 0) {
            problems.add(PREFIX + "token-ttl", "(" + tokenTtl + ") must not exceed gateway.auth.max-token-lifetime ("
                    + maxTokenLifetime + ")");
        }
        if (maxTokenBytes.toBytes() < 256 || maxTokenBytes.toBytes() > MAX_TOKEN_BYTES_CEILING) {
            problems.add(PREFIX + "max-token-bytes", "must be between 256B and 64KB");
        }
        checkClientIds(apiKeys, problems);
        for (int i = 0; i < trustedIssuers.size(); i++) {
            trustedIssuers.get(i).check(PREFIX + "trusted-issuers[" + i + "].", problems);
        }
        checkIssuers(issuer, trustedIssuers, problems);
        cache.check(problems);
        problems.throwIfAny();
    }

    private static void checkHmacSecret(String secret, Signing signing, ConfigurationProblems problems) {
        SigningAlgorithm algorithm = signing.offeredAlgorithm().orElse(null);
        if (algorithm == null) {
            return;                                     // the algorithm's own problem says it all
        }
        if (!algorithm.isSymmetric()) {
            problems.add(PREFIX + "hmac-secret", "is set, but gateway.auth.signing.algorithm is "
                    + algorithm + ": remove the secret, or choose "
                    + SigningAlgorithm.names(SigningAlgorithm.offered(SigningAlgorithm::isSymmetric), "or"));
        } else if (secret.getBytes(UTF_8).length < algorithm.hmacSecretBytes()) {
            problems.add(PREFIX + "hmac-secret", "must be at least " + algorithm.hmacSecretBytes()
                    + " bytes (UTF-8) for " + algorithm);
        }
    }

    private static void positive(ConfigurationProblems problems, String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(property, "must be positive");
        }
    }

    private static void checkClientIds(List<ApiKey> apiKeys, ConfigurationProblems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < apiKeys.size(); i++) {
            String clientId = apiKeys.get(i).clientId();
            if (clientId != null && !seen.add(clientId)) {
                problems.add(PREFIX + "api-keys[" + i + "].client-id", "'" + clientId
                        + "' is used by another API key");
            }
            if (clientId == null && !apiKeys.get(i).exchangeAudiences().isEmpty()) {
                problems.add(PREFIX + "api-keys[" + i + "].exchange-audiences", "needs a client-id: a client "
                        + "exchanges tokens at /oauth2/token, authenticated by its client id and key");
            }
        }
    }

    private static void checkIssuers(String own, List<TrustedIssuer> trusted, ConfigurationProblems problems) {
        Set<String> seen = new HashSet<>(Set.of(own));
        for (int i = 0; i < trusted.size(); i++) {
            @Nullable String issuer = trusted.get(i).issuer();
            if (issuer != null && !seen.add(issuer)) {
                problems.add(PREFIX + "trusted-issuers[" + i + "].issuer", "'" + issuer
                        + "' is already trusted (or is gateway.auth.issuer)");
            }
        }
    }

    /**
     * The algorithm and key that sign the gateway's own tokens.
     *
     * @param algorithm          the JWS name of one of the {@linkplain SigningAlgorithm#offered() offered} algorithms:
     *                           HS256, HS384 or HS512, which sign with {@code gateway.auth.hmac-secret}, or RS256,
     *                           RS384, RS512, PS256, ES256, ES384 or EdDSA, which sign with {@code private-key}
     * @param privateKey         a PKCS#8 PEM file with the private key of an asymmetric algorithm
     *                           ({@code java -jar gateway.jar keys generate ES256} makes one); unset: a key pair for
     *                           this process only
     * @param previousPublicKeys PEM files of retired public keys, still accepted so tokens signed before a rotation
     *                           stay valid until they expire
     * @param previousAlgorithm  the algorithm the retired keys signed with, when it differs from {@code algorithm}
     *                           within one key type (RS256 to PS256, say); unset: {@code algorithm} when the key fits
     *                           it, else the key's own (RS256 for RSA, ES256/ES384 by curve, EdDSA)
     */
    public record Signing(
            @DefaultValue("HS256") String algorithm,
            @Nullable Path privateKey,
            @DefaultValue List<Path> previousPublicKeys,
            @Nullable String previousAlgorithm) {

        public Signing {
            previousPublicKeys = List.copyOf(previousPublicKeys);
        }

        /** Checked by {@link AuthProperties}, which reports every problem at once. */
        void check(ConfigurationProblems problems) {
            Optional<SigningAlgorithm> offered = offeredAlgorithm();
            if (offered.isEmpty()) {
                problems.add(PREFIX + "signing.algorithm", "must be one of "
                        + SigningAlgorithm.names(SigningAlgorithm.offered()) + " (was '" + algorithm + "')");
            } else if (privateKey != null && offered.get().isSymmetric()) {
                problems.add(PREFIX + "signing.private-key", "is for asymmetric algorithms; " + algorithm
                        + " signs with gateway.auth.hmac-secret");
            }
            List<SigningAlgorithm> asymmetric = SigningAlgorithm.offered(candidate -> !candidate.isSymmetric());
            if (previousAlgorithm != null
                    && SigningAlgorithm.of(previousAlgorithm).filter(asymmetric::contains).isEmpty()) {
                problems.add(PREFIX + "signing.previous-algorithm", "must be one of the asymmetric algorithms "
                        + SigningAlgorithm.names(asymmetric) + " (was '" + previousAlgorithm + "')");
            }
        }

        /**
         * The configured algorithm, exactly as named, when the gateway offers it; empty otherwise, which
         * {@link AuthProperties} reports.
         */
        public Optional<SigningAlgorithm> offeredAlgorithm() {
            return SigningAlgorithm.of(algorithm).filter(SigningAlgorithm::isOffered);
        }
    }

    /**
     * One client allowed to trade its API key for a token. Only the key's SHA-256 is configured, never the key.
     *
     * @param sha256   required: the hex SHA-256 of the API key ({@code java -jar gateway.jar keys api-key} makes a key
     *                 and its entry)
     * @param subject  required: the {@code sub} claim of tokens issued for this key
     * @param roles    the {@code roles} claim of tokens issued for this key
     * @param clientId the OAuth2 {@code client_id} whose client secret is this API key; unset means the key cannot be
     *                 used with {@code /oauth2/token}
     * @param scopes   the scopes this key may be granted: all of them in a token from {@code /api/v3/auth}; from
     *                 {@code /oauth2/token}, those the request asks for, or all when it asks for none
     * @param exchangeAudiences the services (backend, or a name under gateway.services) this client may exchange a
     *                 user's token for at {@code /oauth2/token} (RFC 8693 token exchange); needs a client-id. None:
     *                 it may not exchange
     */
    public record ApiKey(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
            @NotBlank String subject,
            @DefaultValue List<@NotBlank String> roles,
            @Nullable @Pattern(regexp = ApiKey.CLIENT_ID) String clientId,
            @DefaultValue List<@Pattern(regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+") String> scopes,
            @DefaultValue List<@Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?") String> exchangeAudiences) {

        /** Visible ASCII without ':', which would split an HTTP Basic credential (RFC 7617 §2). */
        public static final String CLIENT_ID = "[\\x21-\\x7E&&[^:]]{1,128}";

        public ApiKey {
            roles = List.copyOf(roles);
            scopes = List.copyOf(scopes);
            exchangeAudiences = List.copyOf(exchangeAudiences);
        }

        @Override
        public String toString() {                      // the hash of a key is a secret too
            return "ApiKey[subject=%s, roles=%s, clientId=%s, scopes=%s, exchangeAudiences=%s]".formatted(subject,
                    roles, clientId, scopes, exchangeAudiences);
        }
    }

    /**
     * An external identity provider whose tokens are accepted.
     *
     * @param issuer               required: the exact {@code iss} of its tokens
     * @param jwksUri              required: the absolute http(s) URL where it publishes its public keys (JWKS)
     * @param audiences            the {@code aud} values accepted, at least one; a token needs one of them
     * @param rolesClaim           the claim holding roles, a dotted path such as {@code realm_access.roles}
     * @param requiredType         when set, the {@code typ} header a token must carry (e.g. {@code at+jwt})
     * @param jwksRefreshInterval  how often the JWKS is refetched in the background
     * @param jwksRefetchInterval  the least time between two fetches caused by tokens naming an unknown {@code kid}
     */
    public record TrustedIssuer(
            @NotBlank String issuer,
            @Nullable URI jwksUri,
            @DefaultValue List<@NotBlank String> audiences,
            @DefaultValue("roles") @Pattern(regexp = "[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*") String rolesClaim,
            @Nullable String requiredType,
            @DefaultValue("5m") Duration jwksRefreshInterval,
            @DefaultValue("30s") Duration jwksRefetchInterval) {

        public TrustedIssuer {
            audiences = List.copyOf(audiences);
        }

        /** Checked by {@link AuthProperties}, which knows this entry's index: {@code prefix} ends with {@code "]."}. */
        void check(String prefix, ConfigurationProblems problems) {
            String which = issuer == null ? "" : " (issuer '" + issuer + "')";
            if (jwksUri == null) {
                problems.add(prefix + "jwks-uri", "is required: the URL where the issuer publishes its keys" + which);
            } else if (!jwksUri.isAbsolute() || jwksUri.getHost() == null
                    || !("https".equals(jwksUri.getScheme()) || "http".equals(jwksUri.getScheme()))) {
                problems.add(prefix + "jwks-uri", "must be an absolute http(s) URL" + which);
            }
            if (audiences.isEmpty()) {
                problems.add(prefix + "audiences", "must name at least one accepted audience (RFC 8725 §3.9)" + which);
            }
            positive(problems, prefix + "jwks-refresh-interval", jwksRefreshInterval);
            positive(problems, prefix + "jwks-refetch-interval", jwksRefetchInterval);
        }
    }

    /**
     * The cache of verified tokens: a hit skips the signature check, never the expiry check.
     *
     * @param enabled whether verified tokens are cached
     * @param maxSize the most tokens held
     */
    public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxSize) {

        /** Checked by {@link AuthProperties}, which reports every problem at once. */
        void check(ConfigurationProblems problems) {
            if (maxSize < 1) {
                problems.add(PREFIX + "cache.max-size", "must be at least 1");
            }
        }
    }

    @Override
    public String toString() {                          // the generated one would print the secret
        return ("AuthProperties[algorithm=%s, tokenTtl=%s, clockSkew=%s, issuer=%s, audience=%s, forwardToken=%s, "
                + "apiKeys=%d, trustedIssuers=%d]").formatted(signing.algorithm(), tokenTtl, clockSkew, issuer,
                        audience, forwardToken, apiKeys.size(), trustedIssuers.size());
    }
}
