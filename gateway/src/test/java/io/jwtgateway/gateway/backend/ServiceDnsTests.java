package io.jwtgateway.gateway.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.scheduler.Schedulers;

/**
 * A service named by one host name that resolves to several addresses, as a Kubernetes headless Service or Compose
 * replicas do: every address is an instance, the set follows the name as it changes, and a failed lookup keeps the
 * last one. Three loopback addresses stand in for three replicas, all on one port, and a stub resolver for DNS.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.services.replicas.dns-refresh=1s",
        "spring.cloud.gateway.server.webflux.routes[0].id=replicas",
        "spring.cloud.gateway.server.webflux.routes[0].uri=lb://replicas",
        "spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/replicas/**",
        "spring.cloud.gateway.server.webflux.routes[0].metadata.auth=public"})
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class ServiceDnsTests {

    static final String NAME = "replicas.test";
    static final int PORT = freePort();
    static final List<WireMockServer> replicas = List.of(replica("127.0.0.2"), replica("127.0.0.3"),
            replica("127.0.0.4"));

    /** What the stub resolver answers now: addresses, or null to fail. */
    static final AtomicReference<List<String>> answer = new AtomicReference<>();

    /** Set when a lookup ran on an event loop, which it must never do. */
    static final AtomicBoolean onEventLoop = new AtomicBoolean();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        answer.set(List.of("127.0.0.2", "127.0.0.3"));
        registry.add("gateway.services.replicas.uris", () -> "http://" + NAME + ":" + PORT);
    }

    @TestConfiguration
    static class StubDns {
        @Bean
        HostResolver hostResolver() {
            return host -> {
                if (Schedulers.isInNonBlockingThread()) {
                    onEventLoop.set(true);
                }
                List<String> addresses = answer.get();
                if (!host.equals(NAME) || addresses == null) {
                    throw new UnknownHostException(host);
                }
                return addresses.stream().map(ServiceDnsTests::address).toList();
            };
        }
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(WireMockServer::stop);
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void resetReplicasAndDns() {
        replicas.forEach(WireMockServer::resetRequests);
        answer.set(List.of("127.0.0.2", "127.0.0.3"));
    }

    @Test
    void getWhenNameResolvesToTwoAddressesThenBothServeAndNoLookupRanOnAnEventLoop() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answers(6)).containsOnly(
                "127.0.0.2", "127.0.0.3").hasSize(2));

        assertThat(onEventLoop).isFalse();
    }

    @Test
    void getWhenNameResolvesToOtherAddressesThenTrafficFollowsWithinARefresh() {
        answer.set(List.of("127.0.0.3", "127.0.0.4"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answers(6)).containsOnly(
                "127.0.0.3", "127.0.0.4").hasSize(2));
    }

    @Test
    void getWhenLookupFailsThenLastAddressesKept() throws InterruptedException {
        answer.set(List.of("127.0.0.2", "127.0.0.4"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answers(6)).containsOnly(
                "127.0.0.2", "127.0.0.4").hasSize(2));

        answer.set(null);
        Thread.sleep(2500);                                             // two refreshes, both failing

        assertThat(answers(6)).containsOnly("127.0.0.2", "127.0.0.4").hasSize(2);
    }

    /** The replicas that answered, by address. */
    private Set<String> answers(int requests) {
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            answered.add(client.get().uri("/replicas/items").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
        }
        return answered;
    }

    private static WireMockServer replica(String address) {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress(address).port(PORT));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok(address)));
        return server;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
