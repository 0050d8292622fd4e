package io.jwtgateway.gateway.config;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with the configuration: the property, named as an operator writes it (kebab-case, with list
 * indexes), and what is wrong with it. The reason never quotes a secret value.
 *
 * @param property the property, e.g. {@code gateway.auth.trusted-issuers[0].jwks-uri}
 * @param reason   what is wrong, and what would be right
 * @param origin   where the value was set (a file and line, an environment variable), when known
 */
public record ConfigurationProblem(String property, String reason, @Nullable String origin) {

    public ConfigurationProblem(String property, String reason) {
        this(property, reason, null);
    }

    public ConfigurationProblem withOrigin(@Nullable String origin) {
        return new ConfigurationProblem(property, reason, origin);
    }

    @Override
    public String toString() {
        return property + ": " + reason;
    }
}
