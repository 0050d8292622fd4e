package io.jwtgateway.gateway.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.PrometheusScrape;
import io.jwtgateway.gateway.testing.RestartableBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * How a service's instances share its requests when one misbehaves: an instance that keeps answering 503 is ejected
 * and comes back after its ejection time; least-requests sends a slow instance less than round-robin does.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.services.ejecting.outlier-detection.consecutive-failures=3",
        "gateway.services.ejecting.outlier-detection.ejection-time=5s",
        "gateway.services.round-robin.outlier-detection.consecutive-failures=1000000",
        "gateway.services.least.load-balancing=least-requests",
        "gateway.services.least.outlier-detection.consecutive-failures=1000000",
        "spring.cloud.gateway.server.webflux.routes[0].id=ejecting",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://ejecting",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/ejecting/**",
        "spring.cloud.gateway.server.webflux.routes[0].metadata.auth=public",
        "spring.cloud.gateway.server.webflux.routes[1].id=round-robin",
        "spring.cloud.gateway.server.webflux.routes[1].uri=lb://round-robin",
        "spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/round-robin/**",
        "spring.cloud.gateway.server.webflux.routes[1].metadata.auth=public",
        "spring.cloud.gateway.server.webflux.routes[2].id=least",
        "spring.cloud.gateway.server.webflux.routes[2].uri=lb://least",
        "spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/least/**",
        "spring.cloud.gateway.server.webflux.routes[2].metadata.auth=public"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ServiceBalancingTests {

    static final RestartableBackend healthy = new RestartableBackend("healthy");
    static final RestartableBackend failing = new RestartableBackend("failing");
    static final RestartableBackend roundRobinSlow = new RestartableBackend("slow");
    static final RestartableBackend roundRobinFast = new RestartableBackend("fast");
    static final RestartableBackend leastSlow = new RestartableBackend("slow");
    static final RestartableBackend leastFast = new RestartableBackend("fast");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.services.ejecting.uris", () -> healthy.baseUrl() + "," + failing.baseUrl());
        registry.add("gateway.services.round-robin.uris",
                () -> roundRobinSlow.baseUrl() + "," + roundRobinFast.baseUrl());
        registry.add("gateway.services.least.uris", () -> leastSlow.baseUrl() + "," + leastFast.baseUrl());
    }

    @AfterAll
    static void stopBackends() {
        all().forEach(RestartableBackend::stop);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void startBackends() {
        all().forEach(RestartableBackend::reset);
    }

    @Test
    void getWhenAnInstanceKeepsAnswering503ThenEjectedAfterThreeAndBackAfterItsEjectionTime() {
        failing.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 12; i++) {
            client.get().uri("/ejecting/items").exchange().expectBody(Void.class);
        }

        failing.server().verify(3, anyRequestedFor(anyUrl()));      // every other request until the third failure
        healthy.server().verify(9, anyRequestedFor(anyUrl()));
        String instance = failing.baseUrl().substring("http://".length());
        assertThat(scrape().value("gateway_service_instance_ejected", "service", "ejecting", "instance", instance))
                .isEqualTo(1);
        assertThat(scrape().value("gateway_service_failures_total", "service", "ejecting", "instance", instance,
                "kind", "status")).isEqualTo(3);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            client.get().uri("/ejecting/items").exchange().expectBody(Void.class);
            assertThat(failing.server().findAll(anyRequestedFor(anyUrl()))).hasSizeGreaterThan(3);
        });
    }

    @Test
    void getWhenOneInstanceSlowThenLeastRequestsSendsItLessThanRoundRobin() {
        for (RestartableBackend slow : List.of(roundRobinSlow, leastSlow)) {
            slow.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        }

        load("/round-robin/items");
        load("/least/items");

        int roundRobin = roundRobinSlow.server().findAll(anyRequestedFor(anyUrl())).size();
        int least = leastSlow.server().findAll(anyRequestedFor(anyUrl())).size();
        assertThat(roundRobin).isEqualTo(24);                         // half of 48, whatever it costs
        assertThat(least).isLessThan(roundRobin / 2);
    }

    /** 48 requests, 8 at a time. */
    private void load(String path) {
        WebClient web = WebClient.create("http://localhost:" + port);
        Flux.range(0, 48)
                .flatMap(i -> web.get().uri(path).retrieve().toBodilessEntity(), 8)
                .blockLast(Duration.ofSeconds(30));
    }

    private PrometheusScrape scrape() {
        String admin = tokens.valid().roles("admin").sign();
        return PrometheusScrape.of(client.mutate().defaultHeaders(headers -> headers.setBearerAuth(admin)).build());
    }

    private static List<RestartableBackend> all() {
        return List.of(healthy, failing, roundRobinSlow, roundRobinFast, leastSlow, leastFast);
    }
}
