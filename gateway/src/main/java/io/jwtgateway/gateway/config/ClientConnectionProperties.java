package io.jwtgateway.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the gateway waits on its clients ({@code gateway.server.*}), so that a slow or silent client cannot hold a
 * connection for ever. The sizes of the request line and header section are Spring Boot's own
 * {@code server.netty.max-initial-line-length} and {@code server.max-http-request-header-size}.
 *
 * @param requestHeaderTimeout the most time from the first byte of a request to the end of its header section;
 *                             longer is a 408 and the connection is closed (slowloris)
 * @param requestBodyTimeout   the longest pause in a request body while the gateway is reading it; longer is a 408
 *                             (or a close, once the response has begun), and the backend's request is aborted
 * @param idleTimeout          how long a kept-alive connection may wait for its next request before it is closed
 * @param responseWriteTimeout how long a response may wait, unread by the client, with the connection's send buffer
 *                             full; longer closes the connection (a slow reader holds the backend's response too)
 */
@Validated
@ConfigurationProperties("gateway.server")
public record ClientConnectionProperties(
        @DefaultValue("10s") Duration requestHeaderTimeout,
        @DefaultValue("30s") Duration requestBodyTimeout,
        @DefaultValue("75s") Duration idleTimeout,
        @DefaultValue("60s") Duration responseWriteTimeout) {

    /** Shorter would refuse clients on an ordinary slow network. */
    static final Duration MINIMUM = Duration.ofMillis(100);

    public ClientConnectionProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        atLeastMinimum(problems, "gateway.server.request-header-timeout", requestHeaderTimeout);
        atLeastMinimum(problems, "gateway.server.request-body-timeout", requestBodyTimeout);
        atLeastMinimum(problems, "gateway.server.idle-timeout", idleTimeout);
        atLeastMinimum(problems, "gateway.server.response-write-timeout", responseWriteTimeout);
        problems.throwIfAny();
    }

    private static void atLeastMinimum(ConfigurationProblems problems, String property, Duration value) {
        if (value.compareTo(MINIMUM) < 0) {
            problems.add(property, "must be at least 100ms");
        }
    }
}
