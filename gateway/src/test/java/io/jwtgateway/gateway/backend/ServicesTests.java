package io.jwtgateway.gateway.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.util.ArrayList;
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
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two services of two instances each behind one gateway, each on its own route prefix with {@code StripPrefix}: each
 * service's traffic reaches only its own instances, spread over both; one instance down costs idempotent requests
 * nothing; a service with every instance down is a 503 on its routes alone. Spring Cloud Gateway's own route filters
 * ({@code RewritePath}, {@code SetPath}, {@code AddRequestHeader}, {@code RequestSize}, {@code Retry}) work on them.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.service-defaults.connect-timeout=1s",
        "gateway.service-defaults.outlier-detection.consecutive-failures=1000000",  // ejection: ServiceBalancingTests
        "spring.cloud.gateway.server.webflux.routes[0].id=orders",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://orders",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/orders/**",
        "spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1",
        "spring.cloud.gateway.server.webflux.routes[0].metadata.auth=public",
        "spring.cloud.gateway.server.webflux.routes[1].id=users",
        "spring.cloud.gateway.server.webflux.routes[1].uri=lb://users",
        "spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/users/**",
        "spring.cloud.gateway.server.webflux.routes[1].filters[0]=StripPrefix=1",
        "spring.cloud.gateway.server.webflux.routes[1].metadata.auth=public",
        "spring.cloud.gateway.server.webflux.routes[2].id=metrics",
        "spring.cloud.gateway.server.webflux.routes[2].uri=lb://backend",
        "spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/v3/home",
        "spring.cloud.gateway.server.webflux.routes[3].id=orders-v2",
        "spring.cloud.gateway.server.webflux.routes[3].uri=lb://orders",
        "spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/v2/orders/**",
        "spring.cloud.gateway.server.webflux.routes[3].filters[0]=RewritePath=/v2/orders/(?<rest>.*), /$\\{rest}",
        "spring.cloud.gateway.server.webflux.routes[3].filters[1]=AddRequestHeader=X-Api-Version, 2",
        "spring.cloud.gateway.server.webflux.routes[3].filters[2].name=RequestSize",   // no shortcut form
        "spring.cloud.gateway.server.webflux.routes[3].filters[2].args.maxSize=1KB",
        "spring.cloud.gateway.server.webflux.routes[3].metadata.auth=public",
        "spring.cloud.gateway.server.webflux.routes[4].id=orders-legacy",
        "spring.cloud.gateway.server.webflux.routes[4].uri=lb://orders",
        "spring.cloud.gateway.server.webflux.routes[4].predicates[0]=Path=/legacy/orders",
        "spring.cloud.gateway.server.webflux.routes[4].filters[0]=SetPath=/items",
        "spring.cloud.gateway.server.webflux.routes[4].filters[1]=Retry=2",
        "spring.cloud.gateway.server.webflux.routes[4].metadata.auth=public"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ServicesTests {

    static final RestartableBackend orders1 = new RestartableBackend("orders-1");
    static final RestartableBackend orders2 = new RestartableBackend("orders-2");
    static final RestartableBackend users1 = new RestartableBackend("users-1");
    static final RestartableBackend users2 = new RestartableBackend("users-2");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.services.orders.uris", () -> orders1.baseUrl() + "," + orders2.baseUrl());
        registry.add("gateway.services.users.uris", () -> users1.baseUrl() + "," + users2.baseUrl());
    }

    @AfterAll
    static void stopBackends() {
        List.of(orders1, orders2, users1, users2).forEach(RestartableBackend::stop);
    }

    @Autowired
    WebTestClient client;

    final TestTokens tokens = new TestTokens();

    @BeforeEach
    void startBackends() {
        List.of(orders1, orders2, users1, users2).forEach(RestartableBackend::reset);
    }

    @Test
    void getWhenTwoServicesThenEachReachesOnlyItsOwnInstancesSpreadOverBoth() {
        List<String> orders = answers("/orders/items", 8);
        List<String> users = answers("/users/items", 8);

        assertThat(orders).containsOnly("orders-1", "orders-2").filteredOn("orders-1"::equals).hasSize(4);
        assertThat(users).containsOnly("users-1", "users-2").filteredOn("users-1"::equals).hasSize(4);
        orders1.server().verify(4, getRequestedFor(urlEqualTo("/items")));      // StripPrefix=1 applied
        users2.server().verify(4, getRequestedFor(urlEqualTo("/items")));
    }

    @Test
    void getWhenOneInstanceStoppedThenNoClientErrorAndTheOtherServiceUnaffected() {
        orders2.stop();

        List<String> orders = answers("/orders/items", 6);
        List<String> users = answers("/users/items", 4);

        assertThat(orders).containsOnly("orders-1").hasSize(6);
        assertThat(users).containsOnly("users-1", "users-2");
    }

    @Test
    void getWhenEveryInstanceOfAServiceDownThen503OnItsRoutesAnd200OnOthers() {
        orders1.stop();
        orders2.stop();

        client.get().uri("/orders/items").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("backend_unavailable");
        client.get().uri("/users/items").exchange().expectStatus().isOk().expectBody(Void.class);
        assertThat(users1.server().findAll(anyRequestedFor(anyUrl())).size()
                + users2.server().findAll(anyRequestedFor(anyUrl())).size()).isEqualTo(1);
    }

    @Test
    void getWhenRouteRewritesPathAndAddsHeaderThenInstanceGetsBoth() {
        answers("/v2/orders/items/7", 2);

        for (RestartableBackend instance : List.of(orders1, orders2)) {
            instance.server().verify(1, getRequestedFor(urlEqualTo("/items/7"))
                    .withHeader("X-Api-Version", equalTo("2")));
        }
    }

    @Test
    void postWhenBodyLargerThanTheRoutesRequestSizeThen413AndNoInstanceReached() {
        client.post().uri("/v2/orders/items").contentType(MediaType.TEXT_PLAIN).bodyValue("x".repeat(2048))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody(Void.class);

        orders1.server().verify(0, anyRequestedFor(anyUrl()));
        orders2.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void getWhenOneInstanceFailsAndRouteHasRetryThenRetriedOnTheOtherAndSetPathKept() {
        orders1.server().stubFor(get("/items").willReturn(aResponse().withStatus(500)));

        List<String> answers = answers("/legacy/orders", 4);

        assertThat(answers).containsOnly("orders-2");
        orders2.server().verify(4, getRequestedFor(urlEqualTo("/items")));
    }

    @Test
    void prometheusWhenRequestsServedThenCountedPerServiceAndInstance() {
        answers("/orders/items", 4);
        String admin = tokens.valid().roles("admin").sign();

        PrometheusScrape scrape = PrometheusScrape.of(client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(admin))
                .build());

        String instance = orders1.baseUrl().substring("http://".length());
        assertThat(scrape.value("gateway_service_requests_total", "service", "orders", "instance", instance))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("gateway_service_instance_healthy", "service", "users", "instance",
                users2.baseUrl().substring("http://".length()))).isEqualTo(1);
        assertThat(scrape.text()).contains("gateway_service_failures_total{instance=\"" + instance
                + "\",kind=\"connect\",service=\"orders\"}");
    }

    private List<String> answers(String path, int requests) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(client.get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
        }
        return answers;
    }
}
