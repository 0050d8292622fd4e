package io.jwtgateway.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds {@link AuthProperties} the way Spring Boot does, from {@code gateway.auth.*} properties, so the benchmarks
 * run with the application's defaults and checks. HS* algorithms get a fixed secret; the others a key pair made for
 * the process, as the gateway does when {@code gateway.auth.signing.private-key} is unset.
 */
public final class BenchAuthProperties {

    /** 64 bytes: long enough for HS512. */
    private static final String HMAC_SECRET = "benchmark-secret-benchmark-secret-benchmark-secret-benchmark-sec";

    private BenchAuthProperties() {
    }

    /**
     * Properties signing with {@code algorithm}; each entry is {@code "name=value"} relative to {@code gateway.auth.}.
     * Tokens live an hour, so a long run never sees one expire.
     */
    public static AuthProperties of(String algorithm, String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.auth.signing.algorithm", algorithm);
        if (algorithm.startsWith("HS")) {
            properties.put("gateway.auth.hmac-secret", HMAC_SECRET);
        }
        properties.put("gateway.auth.token-ttl", "1h");
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            properties.put("gateway.auth." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.auth", AuthProperties.class);
    }
}
