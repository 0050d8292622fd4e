package io.jwtgateway.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The named upstream services behind the gateway ({@code gateway.services.<name>.*}), which routes send to with
 * {@code uri: lb://<name>}, and the settings they share ({@code gateway.service-defaults.*}). A setting a service
 * leaves out comes from the defaults, then from {@link #BUILT_IN}. The service {@code backend} is configured by
 * {@code gateway.backend.*}, and takes from the defaults only what that leaves out.
 *
 * @param services        each service by name, which routes reach with {@code uri: lb://<name>}; a setting a service
 *                        leaves out is that of {@code gateway.service-defaults}, and a service no route sends to
 *                        stops the start
 * @param serviceDefaults the settings of every service that leaves them out, and the load balancing, outlier detection
 *                        and DNS refresh of {@code gateway.backend}; {@code uris} has no default
 */
@Validated
@ConfigurationProperties("gateway")
public record ServicesProperties(
        @DefaultValue Map<String, Service> services,
        @DefaultValue Service serviceDefaults) {

    /** The service that {@code gateway.backend.*} configures. */
    public static final String BACKEND = "backend";

    /** What a service gets when neither it nor the defaults say. */
    public static final Service BUILT_IN = new Service(List.of(), Duration.ofSeconds(2), Duration.ofSeconds(30),
            new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5)), LoadBalancing.ROUND_ROBIN,
            new OutlierDetection(5, Duration.ofSeconds(30), 50), Duration.ofSeconds(30), new Assertion(true, null));

    /** A DNS label: what {@code lb://<name>} can carry as its host. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public ServicesProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        services.forEach((name, service) -> check("gateway.services." + name + ".", name, service, problems));
        if (!serviceDefaults.uris().isEmpty()) {
            problems.add("gateway.service-defaults.uris", "has no default: each service lists its own instances");
        }
        checkSettings("gateway.service-defaults.", serviceDefaults, problems);
        if (serviceDefaults.assertion().audience() != null) {
            problems.add("gateway.service-defaults.assertion.audience", "has no default: each service is its own "
                    + "audience");
        }
        services.forEach((name, service) -> {
            Service resolved = service.orElse(serviceDefaults).orElse(BUILT_IN);
            if (resolved.connectTimeout().compareTo(resolved.responseTimeout()) > 0) {  // the response timeout counts it
                problems.add("gateway.services." + name + ".connect-timeout", "(" + resolved.connectTimeout()
                        + ") must not exceed its response-timeout (" + resolved.responseTimeout() + ")");
            }
        });
        problems.throwIfAny();
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * The name of every service: {@value #BACKEND} and each of {@code gateway.services}. A token made by token
     * exchange is addressed to one of them.
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(BACKEND);
        names.addAll(services.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** Every configured service with each setting resolved: its own, else the defaults', else the built-in one. */
    public Map<String, Service> resolved() {
        Map<String, Service> resolved = new LinkedHashMap<>();
        services.forEach((name, service) -> resolved.put(name, resolve(service)));
        return resolved;
    }

    /** One service's settings resolved, such as the {@code backend} service made of {@code gateway.backend.*}. */
    public Service resolve(Service service) {
        return service.orElse(serviceDefaults).orElse(BUILT_IN);
    }

    private static void check(String prefix, String name, Service service, ConfigurationProblems problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add(prefix.substring(0, prefix.length() - 1), "the name must be a DNS label: lower-case letters, "
                    + "digits and '-', as lb://" + name + " names it");
        }
        if (BACKEND.equals(name)) {
            problems.add(prefix + "uris", "the service backend is configured by gateway.backend.*");
        }
        if (service.uris().isEmpty()) {
            problems.add(prefix + "uris", "must list at least one instance, like http://orders-1:8080");
        }
        for (int i = 0; i < service.uris().size(); i++) {
            if (!UriRules.isBare(service.uris().get(i))) {
                problems.add(prefix + "uris[" + i + "]",
                        "must be an absolute http(s) URI without a path, like http://orders-1:8080");
            }
        }
        if (new HashSet<>(service.uris()).size() < service.uris().size()) {
            problems.add(prefix + "uris", "must not list an instance twice");
        }
        checkSettings(prefix, service, problems);
    }

    private static void checkSettings(String prefix, Service service, ConfigurationProblems problems) {
        positive(problems, prefix + "connect-timeout", service.connectTimeout());
        positive(problems, prefix + "response-timeout", service.responseTimeout());
        if (service.connectTimeout() != null && service.connectTimeout().toMillis() > Integer.MAX_VALUE) {
            problems.add(prefix + "connect-timeout", "is too long");  // Netty takes it as int millis
        }
        HealthCheck health = service.healthCheck();
        if (health.path() != null && !UriRules.isAbsolutePath(health.path())) {
            problems.add(prefix + "health-check.path", "must be an absolute path without query, like /actuator/health");
        }
        if (health.interval() != null && health.interval().compareTo(MIN_INTERVAL) < 0) {
            problems.add(prefix + "health-check.interval", "must be at least 100ms");
        }
        OutlierDetection outliers = service.outlierDetection();
        if (outliers.consecutiveFailures() != null && outliers.consecutiveFailures() < 1) {
            problems.add(prefix + "outlier-detection.consecutive-failures", "must be at least 1");
        }
        positive(problems, prefix + "outlier-detection.ejection-time", outliers.ejectionTime());
        Integer percent = outliers.maxEjectionPercent();
        if (percent != null && (percent < 0 || percent > 100)) {
            problems.add(prefix + "outlier-detection.max-ejection-percent", "must be between 0 and 100");
        }
        service.assertion().check(prefix + "assertion.", problems);
        Duration dns = service.dnsRefresh();
        if (dns != null && !dns.isZero() && dns.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(prefix + "dns-refresh", "must be 0 (names are not split into addresses) or at least 1s");
        }
    }

    private static void positive(ConfigurationProblems problems, String property, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(property, "must be positive");
        }
    }

    /**
     * One service, or the defaults. Every setting but {@code uris} may be left out ({@code null}) and is then taken
     * from {@link #orElse}; a {@link #resolve resolved} service has them all.
     *
     * @param uris              the instances, at least one: absolute http(s) URIs without a path
     * @param connectTimeout    how long opening a connection to an instance may take
     * @param responseTimeout   how long an instance may take to send its response headers, connecting included
     * @param healthCheck       the polling of each instance's health endpoint
     * @param loadBalancing     how the next instance is chosen
     * @param outlierDetection  when an instance failing requests is taken out for a while
     * @param dnsRefresh        how often an instance named by a host name is looked up again, each address becoming
     *                          an instance; 0 leaves the name one instance, resolved when connecting
     * @param assertion         the signed identity assertion its requests carry
     */
    public record Service(
            @DefaultValue List<URI> uris,
            @Nullable Duration connectTimeout,
            @Nullable Duration responseTimeout,
            @DefaultValue HealthCheck healthCheck,
            @Nullable LoadBalancing loadBalancing,
            @DefaultValue OutlierDetection outlierDetection,
            @Nullable Duration dnsRefresh,
            @DefaultValue Assertion assertion) {

        public Service {
            uris = List.copyOf(uris);
        }

        /** This service's settings, with those it leaves out taken from {@code fallback}; its own instances. */
        public Service orElse(Service fallback) {
            return new Service(uris, or(connectTimeout, fallback.connectTimeout),
                    or(responseTimeout, fallback.responseTimeout), healthCheck.orElse(fallback.healthCheck),
                    or(loadBalancing, fallback.loadBalancing), outlierDetection.orElse(fallback.outlierDetection),
                    or(dnsRefresh, fallback.dnsRefresh), assertion.orElse(fallback.assertion));
        }
    }

    /**
     * The identity assertion ({@code gateway.auth.assertion.*}) on a service's requests: a JWT the gateway signs for
     * each request with a verified token, which the service can verify with the gateway's published keys.
     *
     * @param enabled  whether its requests with a verified token carry one; a route turns it off with
     *                 {@code metadata.assertion: false}
     * @param audience the {@code aud} of its assertions; unset: the service's name
     */
    public record Assertion(@Nullable Boolean enabled, @Nullable String audience) {

        /** Whether requests carry one, once resolved: on unless turned off. */
        public boolean isEnabled() {
            return !Boolean.FALSE.equals(enabled);
        }

        void check(String prefix, ConfigurationProblems problems) {
            if (audience != null && (audience.isBlank() || audience.length() > 256)) {
                problems.add(prefix + "audience", "must not be blank, and at most 256 characters");
            }
        }

        /** Its own audience; enabled from {@code fallback} when it does not say. */
        public Assertion orElse(Assertion fallback) {
            return new Assertion(or(enabled, fallback.enabled), audience);
        }
    }

    /**
     * The health check: every {@code interval}, a GET of {@code path} on each instance; one that refuses, answers
     * other than 2xx or not within the interval takes no requests until a later check passes.
     *
     * @param enabled  whether instances are checked; when not, every instance always takes requests
     * @param path     the health endpoint of each instance
     * @param interval the time between two checks, and the most a check may take
     */
    public record HealthCheck(@Nullable Boolean enabled, @Nullable String path, @Nullable Duration interval) {

        HealthCheck orElse(HealthCheck fallback) {
            return new HealthCheck(or(enabled, fallback.enabled), or(path, fallback.path),
                    or(interval, fallback.interval));
        }
    }

    /**
     * Passive health: an instance that fails {@code consecutiveFailures} requests in a row is ejected for
     * {@code ejectionTime}; never more than {@code maxEjectionPercent} of the service's instances at once, though one
     * always may be when the service has two or more, unless that share is 0.
     *
     * @param consecutiveFailures failures in a row that eject an instance: no connection, no answer within the
     *                            response timeout, a connection closed before the answer, or a 502, 503 or 504 of
     *                            its own
     * @param ejectionTime        how long an ejected instance takes no requests
     * @param maxEjectionPercent  the largest share of a service's instances ejected at once, 0 to 100; one may always
     *                            be when the service has two or more, unless this is 0
     */
    public record OutlierDetection(@Nullable Integer consecutiveFailures, @Nullable Duration ejectionTime,
            @Nullable Integer maxEjectionPercent) {

        OutlierDetection orElse(OutlierDetection fallback) {
            return new OutlierDetection(or(consecutiveFailures, fallback.consecutiveFailures),
                    or(ejectionTime, fallback.ejectionTime), or(maxEjectionPercent, fallback.maxEjectionPercent));
        }
    }

    /** How a service's next instance is chosen. */
    public enum LoadBalancing {
        /** Each available instance in turn. */
        ROUND_ROBIN,
        /** The one with fewer requests in flight of two picked at random (Envoy's least-request, power of two). */
        LEAST_REQUESTS
    }

    private static <T> @Nullable T or(@Nullable T value, @Nullable T fallback) {
        return value != null ? value : fallback;
    }
}
