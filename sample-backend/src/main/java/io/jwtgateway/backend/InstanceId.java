package io.jwtgateway.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Names this backend instance: {@code INSTANCE_ID} when set, else host:port once the server is listening. */
@Component
class InstanceId {

    private final String configured;
    private volatile String value;

    InstanceId(@Value("${INSTANCE_ID:}") String configured) {
        this.configured = configured;
        this.value = configured.isBlank() ? hostName() : configured;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (configured.isBlank()) {
            value = hostName() + ":" + event.getWebServer().getPort();
        }
    }

    String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
