package io.jwtgateway.gateway.keytool;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The gateway's operator API over HTTP, for the {@code keys client} and {@code keys key} subcommands: its URL (where
 * the operator endpoints are served: the management port when it has one, else the main port) and an admin token,
 * which the management port does without.
 */
final class OperatorClient {

    static final String CLIENTS = "/actuator/clients";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI gateway;
    private final @Nullable String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    OperatorClient(URI gateway, @Nullable String token) {
        this.gateway = gateway;
        this.token = token;
    }

    Answer get(String path) throws IOException {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    Answer post(String path, @Nullable String json) throws IOException {
        return send("POST", path, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json), json);
    }

    Answer patch(String path, String json) throws IOException {
        return send("PATCH", path, BodyPublishers.ofString(json), json);
    }

    Answer delete(String path) throws IOException {
        return send("DELETE", path, BodyPublishers.noBody(), null);
    }

    private Answer send(String method, String path, BodyPublisher body, @Nullable String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(gateway.getRawPath()
                .replaceAll("/+$", "") + path))
                .timeout(TIMEOUT)
                .method(method, body);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException refused) {
            throw new IOException("cannot reach " + gateway + " (" + refused.getClass().getSimpleName() + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * What the gateway answered.
     *
     * @param status the HTTP status
     * @param body   the body, JSON or empty
     */
    record Answer(int status, String body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {                      // an answer may hold a new key
            return "Answer[" + status + "]";
        }
    }
}
