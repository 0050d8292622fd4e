package io.jwtgateway.backend;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One jar plays any service of a stack: {@code SERVICE_NAME} names it on every response and in {@code whoami}. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"SERVICE_NAME=inventory", "INSTANCE_ID=inventory-test-1"})
@AutoConfigureWebTestClient
class ServiceNameTests {

    @Autowired
    WebTestClient client;

    @Test
    void whoamiWhenServiceNameSetThenNamedInHeadersAndBody() {
        client.get().uri("/api/v3/whoami").header("X-Auth-Subject", "alice").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Backend-Service", "inventory")
                .expectHeader().valueEquals("X-Backend-Instance", "inventory-test-1")
                .expectBody()
                .jsonPath("$.service").isEqualTo("inventory")
                .jsonPath("$.instance").isEqualTo("inventory-test-1")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice");
    }

    @Test
    void unknownPathWhenServiceNameSetThenNotFoundStillNamesServiceAndInstance() {
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Backend-Service", "inventory")
                .expectHeader().valueEquals("X-Backend-Instance", "inventory-test-1");
    }
}
