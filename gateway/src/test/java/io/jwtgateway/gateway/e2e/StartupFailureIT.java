package io.jwtgateway.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.jwtgateway.gateway.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weak or unclear configuration stops the real gateway process with a non-zero exit and a message naming the property
 * (kebab-case, as it is written), and every property at fault when there are several.
 */
class StartupFailureIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gateway.auth.hmac-secret=too-short-31-bytes-xxxxxxxxxxxx | gateway.auth.hmac-secret",
            "--gateway.auth.token-ttl=0s                                | gateway.auth.token-ttl",
            "--gateway.backend.uris=ftp://localhost:21                  | gateway.backend.uris",
            "--gateway.auth.api-keys[0].sha256=not-a-hash               | gateway.auth.api-keys[0].sha256"})
    void gatewayWhenConfigurationIsWeakThenExitsNonZeroNamingTheProperty(String argument, String property)
            throws InterruptedException {
        try (JarProcess gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(), "--server.port=0",
                argument.strip())) {
            int exit = gateway.awaitExit();

            assertThat(exit).isNotZero();
            assertThat(gateway.output()).contains(property.strip());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"publik", "'  '"})
    void gatewayWhenRoutePolicyIsUnclearThenExitsNonZeroNamingTheRoute(String auth) throws InterruptedException {
        String route = "--spring.cloud.gateway.server.webflux.routes[0].";
        try (JarProcess gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(), "--server.port=0",
                route + "id=typo-route", route + "uri=http://localhost:8081", route + "predicates[0]=Path=/x",
                route + "metadata.auth=" + auth)) {
            int exit = gateway.awaitExit();

            assertThat(exit).isNotZero();
            assertThat(gateway.output()).contains("spring.cloud.gateway.server.webflux.routes[0].metadata.auth",
                    "route 'typo-route'");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"GATEWAY_AUTH_HMAC_SECRET | short | gateway.auth.hmac-secret"})
    void gatewayWhenEnvironmentVariableIsWeakThenExitsNonZeroNamingTheProperty(String variable, String value,
            String property)
            throws InterruptedException {
        try (JarProcess gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(variable, value),
                "--server.port=0")) {
            int exit = gateway.awaitExit();

            assertThat(exit).isNotZero();
            assertThat(gateway.output()).contains(property);
        }
    }

    @Test
    void gatewayWhenSeveralPropertiesAreWrongThenOneReportListsEachAndNoSecret() throws InterruptedException {
        try (JarProcess gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(), "--server.port=0",
                "--gateway.auth.hmac-secret=short-but-secret", "--gateway.auth.token-ttl=soon",
                "--gateway.auth.trusted-issuers[0].issuer=https://idp.example",
                "--gateway.auth.trusted-issuers[0].audiences=api")) {
            int exit = gateway.awaitExit();

            assertThat(exit).isNotZero();
            assertThat(gateway.output())
                    .contains("APPLICATION FAILED TO START", "The gateway's configuration has 3 problems:",
                            "Property: gateway.auth.hmac-secret", "Property: gateway.auth.token-ttl",
                            "Property: gateway.auth.trusted-issuers[0].jwks-uri")
                    .doesNotContain("short-but-secret");
        }
    }
}
