package io.jwtgateway.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A WireMock backend on a fixed port that can be stopped and started again, like a restarted service: while stopped,
 * its port refuses connections. Once started, it answers every request with 200 and its name, until a test stubs more.
 */
public final class RestartableBackend {

    private final String name;
    private final int port;
    private WireMockServer server;

    public RestartableBackend(String name) {
        this.name = name;
        this.port = JarProcess.freePort();
        this.server = new WireMockServer(wireMockConfig().port(port));
        // Bound at once: a port found free and bound only later, after the gateway under test has opened its own
        // connections, was once handed to one of those as its local port in between ("Address already in use").
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The running server, to stub and verify. */
    public WireMockServer server() {
        return server;
    }

    /** Starts it when stopped, forgets earlier stubs and requests, and answers with its name. */
    public RestartableBackend reset() {
        if (!server.isRunning()) {
            server = new WireMockServer(wireMockConfig().port(port));
            server.start();
        }
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(ok(name)));
        return this;
    }

    public void stop() {
        server.stop();
    }
}
