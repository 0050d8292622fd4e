package io.jwtgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application (what SIGTERM does) while a request is in flight: readiness turns to refusing traffic, the
 * port stops taking connections, and the request in flight still completes.
 */
class GracefulShutdownTests {

    static final Duration BACKEND_DELAY = Duration.ofSeconds(3);

    final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());

    @AfterEach
    void stopBackend() {
        backend.stop();
    }

    @Test
    void closeWhenRequestInFlightThenItCompletesWhileNewConnectionsAreRefused() throws Exception {
        backend.start();
        backend.stubFor(get("/api/v3/home").willReturn(ok("slow page")
                .withFixedDelay((int) BACKEND_DELAY.toMillis())));
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off",
                "--gateway.auth.hmac-secret=" + TestTokens.SECRET,
                "--gateway.backend.uris=" + backend.baseUrl());
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        ApplicationAvailability availability = gateway.getBean(ApplicationAvailability.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v3/home")).build(),
                HttpResponse.BodyHandlers.ofString());
        await(() -> backend.findAll(getRequestedFor(urlEqualTo("/api/v3/home"))).size() == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);

        await(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
        await(() -> refusesConnections(port));
        assertThat(inFlight).as("still in flight when new connections are refused").isNotDone();
        HttpResponse<String> response = inFlight.get(BACKEND_DELAY.multipliedBy(3).toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("slow page");
        closing.get(30, TimeUnit.SECONDS);
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    /** Waits, well within the backend's delay, for a condition. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(BACKEND_DELAY.dividedBy(2));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
