package io.jwtgateway.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Builds {@link DpopProperties} the way Spring Boot does, from {@code gateway.auth.dpop.*} properties, so the
 * benchmarks run with the application's defaults and checks.
 */
public final class BenchDpopProperties {

    private BenchDpopProperties() {
    }

    /** The defaults, with {@code entries}: each {@code "name=value"}, relative to {@code gateway.auth.dpop.}. */
    public static DpopProperties of(String... entries) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            properties.put("gateway.auth.dpop." + entry.substring(0, equals), entry.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.auth.dpop", DpopProperties.class);
    }
}
