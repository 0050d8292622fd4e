package io.jwtgateway.gateway.filter;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code gateway.backend.uris} with two instances: requests are taken by each in turn. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class LoadBalancingTests {

    static final WireMockServer first = new WireMockServer(wireMockConfig().dynamicPort());
    static final WireMockServer second = new WireMockServer(wireMockConfig().dynamicPort());

    @DynamicPropertySource
    static void backendUris(DynamicPropertyRegistry registry) {
        first.start();
        second.start();
        first.stubFor(any(anyUrl()).willReturn(ok("first")));
        second.stubFor(any(anyUrl()).willReturn(ok("second")));
        registry.add("gateway.backend.uris", () -> first.baseUrl() + "," + second.baseUrl());
    }

    @AfterAll
    static void stopBackends() {
        first.stop();
        second.stop();
    }

    @Autowired
    WebTestClient client;

    @Test
    void homeWhenTwoBackendsConfiguredThenEachServesHalf() {
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/v3/home").exchange().expectStatus().isOk().expectBody(Void.class);
        }

        first.verify(5, anyRequestedFor(anyUrl()));
        second.verify(5, anyRequestedFor(anyUrl()));
    }
}
