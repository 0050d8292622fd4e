package io.jwtgateway.gateway.startup;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.GatewayApplication;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.testing.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Starting the real application in this JVM with a broken configuration: the start fails before any bean is made,
 * with one {@link InvalidConfigurationException} naming every property at fault, explained like Spring Boot's own
 * failures. A valid configuration starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationCheckTests {

    static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";
    static final String ROUTE = "--spring.cloud.gateway.server.webflux.routes[0].";

    @TempDir
    Path dir;

    // --- one problem each, named by its property ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gateway.auth.hmac-secret=only-31-bytes-xxxxxxxxxxxxxxxxx | gateway.auth.hmac-secret | at least 32",
            "--gateway.auth.signing.algorithm=RS257             | gateway.auth.signing.algorithm     | one of",
            "--gateway.auth.token-ttl=3 minutes                 | gateway.auth.token-ttl             | duration",
            "--gateway.auth.token-ttl=-1s                       | gateway.auth.token-ttl             | positive",
            "--gateway.auth.max-token-bytes=lots                | gateway.auth.max-token-bytes       | size",
            "--gateway.auth.revocation.store=mongo              | gateway.auth.revocation.store      | memory, redis",
            "--gateway.auth.revocation.resync-interval=0s       | gateway.auth.revocation.resync-interval | positive",
            "--gateway.auth.revocation.max-staleness=-1s        | gateway.auth.revocation.max-staleness | positive",
            "--gateway.auth.revocation.max-staleness=6s         | gateway.auth.revocation.max-staleness | three resync",
            "--gateway.backend.uris=http://localhost:8081/api   | gateway.backend.uris[0]            | without a path",
            "--gateway.auth.api-keys[0].sha256=not-a-hash       | gateway.auth.api-keys[0].sha256    | must match",
            "--gateway.backend.health-check.interval=50ms       | gateway.backend.health-check.interval | 100ms",
            "--gateway.rate-limit.timeout=0s                    | gateway.rate-limit.timeout         | positive",
            "--gateway.rate-limit.trusted-proxies=proxy.internal | gateway.rate-limit.trusted-proxies[0] | host name",
            "--gateway.routes.max-routes=0                      | gateway.routes.max-routes          | greater than",
            "--gateway.server.idle-timeout=50ms                 | gateway.server.idle-timeout        | 100ms",
            "--gateway.access-log.format=xml                    | gateway.access-log.format          | text, json",
            "--gateway.playground.enabled=maybe                 | gateway.playground.enabled         | true or false",
            "--gateway.auth.clients.store=mongo                 | gateway.auth.clients.store         | file, redis",
            "--gateway.auth.clients.max-keys-per-client=0       | gateway.auth.clients.max-keys-per-client | between",
            "--gateway.auth.assertion.algorithm=HS256           | gateway.auth.assertion.algorithm   | ES256 or EdDSA",
            "--gateway.auth.assertion.lifetime=0s               | gateway.auth.assertion.lifetime    | between 1s",
            "--gateway.auth.assertion.header-name=X Assertion   | gateway.auth.assertion.header-name | header name",
            "--gateway.auth.assertion.header-name=Authorization | gateway.auth.assertion.header-name | already uses",
            "--gateway.services.orders.assertion.audience=       | gateway.services.orders.assertion.audience | blank",
            "--gateway.backend.assertion.audience=             | gateway.backend.assertion.audience | blank"})
    void startWhenOnePropertyIsInvalidThenFailsNamingItInKebabCase(String argument, String property, String reason) {
        InvalidConfigurationException failure = startFails(argument.strip(), "--gateway.auth.api-keys[0].subject=x");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property).contains(property.strip());
        assertThat(reasonFor(failure, property.strip())).contains(reason.strip());
    }

    @Test
    void startWhenTrustedIssuerHasNoJwksUriThenFailsNamingTheIndexedProperty() {
        InvalidConfigurationException failure = startFails(
                "--gateway.auth.trusted-issuers[0].issuer=https://idp.example",
                "--gateway.auth.trusted-issuers[0].audiences=api",
                "--gateway.auth.trusted-issuers[1].issuer=https://other.example");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property).containsExactlyInAnyOrder(
                "gateway.auth.trusted-issuers[0].jwks-uri",
                "gateway.auth.trusted-issuers[1].jwks-uri",
                "gateway.auth.trusted-issuers[1].audiences");
        assertThat(reasonFor(failure, "gateway.auth.trusted-issuers[0].jwks-uri")).contains("https://idp.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "admin,"})
    void startWhenRouteRolesNameNoRoleThenFailsNamingTheRouteProperty(String roles) {
        InvalidConfigurationException failure = startFails(ROUTE + "id=admin", ROUTE + "uri=http://localhost:8081",
                ROUTE + "predicates[0]=Path=/api/v3/admin", ROUTE + "metadata.roles=" + roles);

        assertThat(failure.problems()).extracting(ConfigurationProblem::property)
                .containsExactly("spring.cloud.gateway.server.webflux.routes[0].metadata.roles");
        assertThat(failure.problems().get(0).reason()).contains("route 'admin'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lb://orders", "LB://orders"})
    void startWhenRouteSendsToAnUnknownServiceThenFailsNamingTheRouteUri(String uri) {
        InvalidConfigurationException failure = startFails(ROUTE + "id=orders", ROUTE + "uri=" + uri,
                ROUTE + "predicates[0]=Path=/api/v3/orders");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property)
                .containsExactly("spring.cloud.gateway.server.webflux.routes[0].uri");
        assertThat(failure.problems().get(0).reason()).contains("lb://orders is not a service")
                .contains("gateway.services.orders.uris");
    }

    @Test
    void startWhenExchangeAudienceIsNoServiceThenFailsNamingTheEntry() {
        InvalidConfigurationException failure = startFails("--gateway.auth.hmac-secret=" + SECRET,
                "--gateway.auth.api-keys[0].sha256=" + "a".repeat(64),
                "--gateway.auth.api-keys[0].subject=orders", "--gateway.auth.api-keys[0].client-id=orders",
                "--gateway.auth.api-keys[0].exchange-audiences=backend,inventory");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property)
                .containsExactly("gateway.auth.api-keys[0].exchange-audiences[1]");
        assertThat(failure.problems().get(0).reason()).contains("'inventory' is not a service");
    }

    @Test
    void startWhenAServiceAndARateLimitAwaitRoutesAddedAtRuntimeThenStarts() {
        try (ConfigurableApplicationContext context = application().run("--gateway.auth.hmac-secret=" + SECRET,
                "--gateway.services.orders.uris=http://orders:8080",
                "--gateway.rate-limit.routes.orders.replenish-rate=1",
                "--gateway.rate-limit.routes.orders.burst-capacity=1")) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void startWhenServicesMisconfiguredThenOneReportNamesEveryProperty() {
        InvalidConfigurationException failure = startFails(ROUTE + "id=orders", ROUTE + "uri=lb://orders",
                ROUTE + "predicates[0]=Path=/api/v3/orders",
                "--gateway.services.orders.uris=http://orders:8080/api,ftp://orders",
                "--gateway.services.orders.load-balancing=least-requests",
                "--gateway.services.orders.outlier-detection.max-ejection-percent=150",
                "--gateway.services.orders.health-check.path=health",
                "--gateway.service-defaults.connect-timeout=40s",
                "--gateway.services.backend.uris=http://elsewhere:8080");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property).contains(
                "gateway.services.orders.uris[0]", "gateway.services.orders.uris[1]",
                "gateway.services.orders.outlier-detection.max-ejection-percent",
                "gateway.services.orders.health-check.path", "gateway.services.orders.connect-timeout",
                "gateway.services.backend.uris");
    }

    @Test
    void startWhenServiceLoadBalancingUnknownThenFailsNamingIt() {
        InvalidConfigurationException failure = startFails(ROUTE + "id=orders", ROUTE + "uri=lb://orders",
                ROUTE + "predicates[0]=Path=/api/v3/orders", "--gateway.services.orders.uris=http://orders:8080",
                "--gateway.services.orders.load-balancing=random");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property)
                .contains("gateway.services.orders.load-balancing");
    }

    @Test
    void startWhenRedisStoreWithoutRedisRateLimiterThenFailsNamingStore() {
        InvalidConfigurationException failure = startFails("--gateway.rate-limit.store=redis",
                "--spring.cloud.gateway.server.webflux.redis.enabled=false");

        assertThat(reasonFor(failure, "gateway.rate-limit.store"))
                .contains("spring.cloud.gateway.server.webflux.redis.enabled");
    }

    @Test
    void startWhenPrivateKeyFileMissingThenFailsNamingPrivateKey() {
        InvalidConfigurationException failure = startFails("--gateway.auth.signing.algorithm=RS256",
                "--gateway.auth.signing.private-key=" + dir.resolve("missing.pem"));

        assertThat(reasonFor(failure, "gateway.auth.signing.private-key")).contains("cannot be read");
    }

    @Test
    void startWhenPrivateKeyDoesNotFitAlgorithmThenFailsNamingPrivateKey() throws Exception {
        Path p256 = PemFiles.writePrivate(dir, "p256.pem", ecKey("secp256r1"));

        InvalidConfigurationException failure = startFails("--gateway.auth.signing.algorithm=RS256",
                "--gateway.auth.signing.private-key=" + p256);

        assertThat(reasonFor(failure, "gateway.auth.signing.private-key")).contains("not an RSA key");
    }

    @Test
    void startWhenAssertionKeyDoesNotFitAlgorithmThenFailsNamingAssertionPrivateKey() throws Exception {
        Path p384 = PemFiles.writePrivate(dir, "p384.pem", ecKey("secp384r1"));

        InvalidConfigurationException failure = startFails("--gateway.auth.assertion.private-key=" + p384);

        assertThat(reasonFor(failure, "gateway.auth.assertion.private-key")).contains("not an EC key on the curve");
    }

    @Test
    void startWhenAssertionKeyIsTheTokenSigningKeyThenFailsNamingAssertionPrivateKey() throws Exception {
        Path p256 = PemFiles.writePrivate(dir, "p256.pem", ecKey("secp256r1"));

        InvalidConfigurationException failure = startFails("--gateway.auth.signing.algorithm=ES256",
                "--gateway.auth.signing.private-key=" + p256, "--gateway.auth.assertion.private-key=" + p256);

        assertThat(reasonFor(failure, "gateway.auth.assertion.private-key")).contains("of their own");
    }

    // --- several problems at once ---

    @Test
    void startWhenManyPropertiesAreInvalidThenFailsListingEveryOne() throws Exception {
        Path notPem = Files.writeString(dir.resolve("old.pem"), "not a key", US_ASCII);

        InvalidConfigurationException failure = startFails(
                "--gateway.auth.hmac-secret=short",
                "--gateway.auth.clock-skew=soon",
                "--gateway.auth.cache.max-size=0",
                "--gateway.auth.signing.previous-public-keys[0]=" + notPem,
                "--gateway.auth.trusted-issuers[0].issuer=https://idp.example",
                "--gateway.auth.trusted-issuers[0].audiences=api",
                "--gateway.backend.uris=ftp://localhost:21",
                ROUTE + "id=admin", ROUTE + "uri=http://localhost:8081", ROUTE + "predicates[0]=Path=/admin",
                ROUTE + "metadata.auth=publik");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property).containsExactlyInAnyOrder(
                "gateway.auth.hmac-secret",
                "gateway.auth.clock-skew",
                "gateway.auth.cache.max-size",
                "gateway.auth.signing.previous-public-keys[0]",
                "gateway.auth.trusted-issuers[0].jwks-uri",
                "gateway.backend.uris[0]",
                "spring.cloud.gateway.server.webflux.routes[0].metadata.auth");
    }

    @Test
    void startWhenRateLimitAndAuthPropertiesAreInvalidThenOneReportListsBoth() {
        InvalidConfigurationException failure = startFails(
                "--gateway.auth.token-ttl=0s",
                "--gateway.rate-limit.default.replenish-rate=0",
                "--gateway.rate-limit.routes.public.replenish-rate=0",
                "--gateway.server.request-header-timeout=0s",
                "--gateway.backend.health-check.path=health");

        assertThat(failure.problems()).extracting(ConfigurationProblem::property).containsExactlyInAnyOrder(
                "gateway.auth.token-ttl",
                "gateway.rate-limit.default.replenish-rate",
                "gateway.rate-limit.routes.public.replenish-rate",
                "gateway.server.request-header-timeout",
                "gateway.backend.health-check.path");
    }

    @Test
    void analyzeWhenManyPropertiesAreInvalidThenDescribesEachWithOriginAndNoValue() {
        InvalidConfigurationException failure = startFails("--gateway.auth.hmac-secret=short-but-secret",
                "--gateway.auth.token-ttl=0s");

        FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription())
                .contains("has 2 problems")
                .contains("Property: gateway.auth.hmac-secret")
                .contains("Origin: \"gateway.auth.hmac-secret\" from property source \"commandLineArgs\"")
                .contains("Property: gateway.auth.token-ttl")
                .contains("Reason: must be positive")
                .doesNotContain("short-but-secret");
        assertThat(analysis.getAction()).contains("GATEWAY_AUTH_HMAC_SECRET");
    }

    @Test
    void startWhenInvalidThenReportReadsLikeSpringBootsAndHoldsNoSecret(CapturedOutput output) {
        startFails("--gateway.auth.hmac-secret=short-but-secret", "--gateway.auth.token-ttl=soon");

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:")
                .contains("The gateway's configuration has 2 problems:")
                .contains("Property: gateway.auth.token-ttl")
                .contains("Reason: must be a duration such as")
                .contains("Action:")
                .doesNotContain("short-but-secret");
    }

    @Test
    void startWhenSpringPropertyMalformedThenSpringsOwnAnalysisStillNamesIt(CapturedOutput output) {
        Throwable thrown = catchThrowable(() -> application()
                .run("--spring.lifecycle.timeout-per-shutdown-phase=soon").close());

        assertThat(thrown).isNotInstanceOf(InvalidConfigurationException.class);
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("spring.lifecycle.timeout-per-shutdown-phase");
    }

    // --- what is checked ---

    @Test
    void checkWhenGatewayIsScannedThenEveryPropertiesRecordIsBoundUnderItsPrefix() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));

        Set<BeanDefinition> found = scanner.findCandidateComponents(GatewayApplication.class.getPackageName());

        assertThat(ConfigurationCheck.RECORDS).extracting(Class::getName)
                .containsExactlyInAnyOrderElementsOf(found.stream().map(BeanDefinition::getBeanClassName).toList());
        assertThat(ConfigurationCheck.prefix(AuthProperties.class)).isEqualTo("gateway.auth");
    }

    // --- a valid configuration ---

    @Test
    void startWhenConfigurationIsValidThenStarts() {
        try (ConfigurableApplicationContext context = application().run("--gateway.auth.hmac-secret=" + SECRET)) {
            assertThat(context.isActive()).isTrue();
        }
    }

    private static InvalidConfigurationException startFails(String... arguments) {
        Throwable thrown = catchThrowable(() -> application().run(arguments).close());

        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
        return (InvalidConfigurationException) thrown;
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spring.main.banner-mode=off");
    }

    private static String reasonFor(InvalidConfigurationException failure, String property) {
        List<String> reasons = new ArrayList<>();
        failure.problems().stream().filter(problem -> problem.property().equals(property))
                .forEach(problem -> reasons.add(problem.reason()));
        assertThat(reasons).as("problems of %s in %s", property, failure.problems()).isNotEmpty();
        return String.join("\n", reasons);
    }

    private static KeyPair ecKey(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
