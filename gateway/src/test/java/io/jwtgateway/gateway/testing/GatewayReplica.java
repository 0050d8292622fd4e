package io.jwtgateway.gateway.testing;

import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway application context on a port of its own, as a replica among several in one test. Settings are
 * command-line arguments ({@code --name=value}): application.yml's port would win over builder properties.
 */
public final class GatewayReplica implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayReplica(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a replica on a free port with {@link TestTokens#SECRET}, plus {@code arguments}. */
    public static GatewayReplica start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--gateway.auth.hmac-secret=" + TestTokens.SECRET));
        all.addAll(List.of(arguments));
        return new GatewayReplica(
                new SpringApplicationBuilder(GatewayApplication.class).run(all.toArray(String[]::new)));
    }

    public WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port()).build();
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A client of the management port; the replica must have been started with {@code --management.server.port=0}. */
    public WebTestClient managementClient() {
        String port = context.getEnvironment().getRequiredProperty("local.management.port");
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** The replica's one bean of {@code type}, to reach what no endpoint shows. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Closes the replica, leaving Reactor Netty's JVM-wide client resources ({@code HttpResources}: event loops and
     * connection pool) to the other application contexts of the test JVM. Spring's {@code ReactorResourceFactory}
     * disposes them when its context stops, as if its application were alone in the JVM, which in production it is;
     * here every cached test context shares them, and one such disposal, in ReadinessTests, blocked a replica's close
     * forever (the dispose's {@code Mono} never completed, no Reactor Netty thread left alive). Told it does not use the
     * global resources, the factory disposes only what it made itself: nothing.
     */
    @Override
    public void close() {
        context.getBeanProvider(ReactorResourceFactory.class)
                .ifAvailable(factory -> factory.setUseGlobalResources(false));
        context.close();
    }

    /** Sleeps between polls; an interrupt ends the wait early and is kept. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
