package io.jwtgateway.gateway.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jwtgateway.gateway.config.AuthProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds {@link AuthProperties} the way Spring Boot does, from {@code gateway.auth.*} properties, so plain tests get
 * the same defaults and checks as the application. Starts from {@link TestTokens#SECRET}; each entry is
 * {@code "name=value"} relative to {@code gateway.auth.}, and {@code "hmac-secret="} removes the secret.
 */
public final class AuthConfig {

    private AuthConfig() {
    }

    public static AuthProperties of(String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.auth.hmac-secret", TestTokens.SECRET);
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String name = "gateway.auth." + entry.substring(0, equals);
            String value = entry.substring(equals + 1);
            if (value.isEmpty()) {
                properties.remove(name);
            } else {
                properties.put(name, value);
            }
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.auth", AuthProperties.class);
    }
}
