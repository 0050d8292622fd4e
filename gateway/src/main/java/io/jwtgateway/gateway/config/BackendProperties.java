package io.jwtgateway.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service {@code backend}, which routes reach with {@code lb://backend} ({@code gateway.backend.*}): where its
 * instances run, how long the gateway waits for them and how their health is checked; its load balancing, outlier
 * detection and DNS refresh are those of {@code gateway.service-defaults}. An instance that fails its health check
 * takes no requests until it passes again.
 *
 * @param uris            the backend instances, as absolute http(s) URIs with no path
 * @param connectTimeout  how long opening a connection to an instance may take; a refused or timed-out connection
 *                        sends an idempotent request to another instance once
 * @param responseTimeout how long an instance may take to send its response headers, connecting included; longer
 *                        is a 504
 * @param healthCheck     the polling of each instance's health endpoint
 * @param assertion       the signed identity assertion its requests carry; {@code enabled} unset: that of
 *                        {@code gateway.service-defaults.assertion}, else on; {@code audience} unset: {@code backend}
 */
@Validated
@ConfigurationProperties("gateway.backend")
public record BackendProperties(
        @DefaultValue("http://localhost:8081") @NotEmpty List<URI> uris,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue @Valid HealthCheck healthCheck,
        @DefaultValue @NestedConfigurationProperty ServicesProperties.Assertion assertion) {

    public BackendProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < uris.size(); i++) {
            if (!UriRules.isBare(uris.get(i))) {
                problems.add("gateway.backend.uris[" + i + "]",
                        "must be an absolute http(s) URI without a path, like http://localhost:8081");
            }
        }
        if (new HashSet<>(uris).size() < uris.size()) {
            problems.add("gateway.backend.uris", "must not list an instance twice");
        }
        positive(problems, "gateway.backend.connect-timeout", connectTimeout);
        positive(problems, "gateway.backend.response-timeout", responseTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {     // Netty takes the connect timeout as int millis
            problems.add("gateway.backend.connect-timeout", "is too long");
        }
        if (connectTimeout.compareTo(responseTimeout) > 0) {    // the response timeout counts the connecting too
            problems.add("gateway.backend.connect-timeout", "(" + connectTimeout
                    + ") must not exceed gateway.backend.response-timeout (" + responseTimeout + ")");
        }
        assertion.check("gateway.backend.assertion.", problems);
        problems.throwIfAny();
        uris = List.copyOf(uris);
    }

    private static void positive(ConfigurationProblems problems, String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(property, "must be positive");
        }
    }

    /**
     * The health check: every {@code interval}, a GET of {@code path} on each instance. An instance that refuses the
     * connection, answers with a status other than 2xx, or does not answer within the interval is skipped until a
     * later check succeeds.
     *
     * @param enabled  whether instances are checked; when not, every instance always takes requests
     * @param path     the health endpoint of each instance
     * @param interval the time between two checks of an instance, and the most a check may take
     */
    public record HealthCheck(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("/actuator/health") String path,
            @DefaultValue("5s") Duration interval) {

        /** Below this, the checks become load of their own. */
        static final Duration MIN_INTERVAL = Duration.ofMillis(100);

        public HealthCheck {
            ConfigurationProblems problems = new ConfigurationProblems();
            if (!UriRules.isAbsolutePath(path)) {
                problems.add("gateway.backend.health-check.path", "must be an absolute path without query, like "
                        + "/actuator/health");
            }
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                problems.add("gateway.backend.health-check.interval", "must be at least 100ms");
            }
            problems.throwIfAny();
        }
    }
}
