package io.jwtgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "INSTANCE_ID=backend-test-1")
@AutoConfigureWebTestClient
class ContentControllerTests {

    @Autowired
    WebTestClient client;

    @Test
    void homeWhenCalledThenHelloWorldAsPlainText() {
        client.get().uri("/api/v3/home").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectHeader().valueEquals("X-Backend-Service", "backend")
                .expectHeader().valueEquals("X-Backend-Instance", "backend-test-1")
                .expectBody(String.class).isEqualTo("hello world");
    }

    @Test
    void secretWhenCalledThenSensitiveData() {
        client.get().uri("/api/v3/secret").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("Opps, it's sensitive data :("));
    }

    @Test
    void adminWhenCalledThenAdminContent() {
        client.get().uri("/api/v3/admin").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("admin"));
    }

    @Test
    void whoamiWhenIdentityHeadersSentThenEchoesOnlyThoseLowerCased() {
        client.get().uri("/api/v3/whoami")
                .header("X-Auth-Subject", "alice")
                .header("X-AUTH-ROLES", "user,admin")
                .header("X-Other", "ignored")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Backend-Service", "backend")
                .expectHeader().valueEquals("X-Backend-Instance", "backend-test-1")
                .expectBody()
                .jsonPath("$.service").isEqualTo("backend")
                .jsonPath("$.instance").isEqualTo("backend-test-1")
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice")
                .jsonPath("$.headers['x-auth-roles']").isEqualTo("user,admin")
                .jsonPath("$.headers['x-other']").doesNotExist();
    }

    @Test
    void publicWhoamiWhenNoIdentityHeadersThenEmptyHeaders() {
        client.get().uri("/api/v3/public/whoami").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("backend")
                .jsonPath("$.instance").isEqualTo("backend-test-1")
                .jsonPath("$.headers").isEmpty();
    }
}
