package io.jwtgateway.gateway.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tokens are issued and verified ({@code gateway.auth.*}). Every rule the binder cannot express is checked here,
 * so a weak or inconsistent configuration stops the process at startup with a message naming the property.
 *
 * @param hmacSecret   the HS256 secret, at least 32 bytes of UTF-8; unset means a random key for this process only
 * @param tokenTtl     how long an issued token lives
 * @param clockSkew    leeway for {@code exp}, {@code nbf} and {@code iat} when verifying
 * @param issuer       the {@code iss} claim written and required
 * @param audience     the {@code aud} claim written and required
 * @param realm        the realm named in {@code WWW-Authenticate} challenges
 * @param forwardToken whether the {@code Authorization} header travels on to the backend
 * @param apiKeys      the API keys that may obtain a token; none means one demo key is generated at startup
 */
@Validated
@ConfigurationProperties("gateway.auth")
public record AuthProperties(
        @Nullable String hmacSecret,
        @DefaultValue("3m") Duration tokenTtl,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("jwt-gateway") @NotBlank String issuer,
        @DefaultValue("jwt-gateway-backends") @NotBlank String audience,
        @DefaultValue("jwt-gateway") @Pattern(regexp = "[\\x20-\\x7E&&[^\"\\\\]]+") String realm,
        boolean forwardToken,
        @DefaultValue @Valid List<ApiKey> apiKeys) {

    /** The shortest HS256 secret RFC 7518 §3.2 allows: as many bytes as the hash output. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    public AuthProperties {
        if (hmacSecret != null && hmacSecret.getBytes(UTF_8).length < MIN_HMAC_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "gateway.auth.hmac-secret must be at least " + MIN_HMAC_SECRET_BYTES + " bytes (UTF-8)");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("gateway.auth.token-ttl must be positive");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("gateway.auth.clock-skew must not be negative");
        }
        apiKeys = List.copyOf(apiKeys);
    }

    /**
     * One client allowed to trade its API key for a token. Only the key's SHA-256 is configured, never the key.
     *
     * @param sha256  hex SHA-256 of the API key
     * @param subject the {@code sub} claim of tokens issued for this key
     * @param roles   the {@code roles} claim of tokens issued for this key
     */
    public record ApiKey(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
            @NotBlank String subject,
            @DefaultValue List<@NotBlank String> roles) {

        public ApiKey {
            roles = List.copyOf(roles);
        }

        @Override
        public String toString() {                      // the hash of a key is a secret too
            return "ApiKey[subject=%s, roles=%s]".formatted(subject, roles);
        }
    }

    @Override
    public String toString() {                          // the generated one would print the secret
        return "AuthProperties[tokenTtl=%s, clockSkew=%s, issuer=%s, audience=%s, forwardToken=%s, apiKeys=%d]"
                .formatted(tokenTtl, clockSkew, issuer, audience, forwardToken, apiKeys.size());
    }
}
