package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A backend on Reactor Netty's server that records every request as it arrived (method, target, each header line in
 * order, body) and answers by the first segment of its path:
 * <ul>
 * <li>{@code /status/<code>/…}: that status, headers of every kind (repeated, hop-by-hop, named in
 * {@code Connection}, a {@code Location}, cookies), and a body unless the status forbids one;
 * <li>{@code /stream/…}: a chunked {@code text/event-stream} of three events 150 ms apart;
 * <li>{@code /trailers/…}: a chunked body with a trailer field;
 * <li>{@code /json/…}: a JSON object;
 * <li>{@code /slow/…}: headers after a second;
 * <li>anything else: 200 with the same headers and a body of fixed length.
 * </ul>
 */
public final class ScriptedBackend implements AutoCloseable {

    /** One request as the backend read it. */
    public record Received(String method, String target, List<Map.Entry<String, String>> headers, String body) {
    }

    static final Duration EVENT_GAP = Duration.ofMillis(150);

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final DisposableServer server;

    public ScriptedBackend() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle(this::serve).bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next request recorded, waiting at most {@code seconds}; null if none came. */
    public Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    public void clear() {
        received.clear();
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.requestHeaders().forEach(header -> headers.add(Map.entry(header.getKey(), header.getValue())));
        return request.receive().aggregate().asString(UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    received.add(new Received(request.method().name(), request.uri(), headers, body));
                    return answer(request.uri(), response);
                });
    }

    private static Mono<Void> answer(String target, HttpServerResponse response) {
        String[] segments = target.split("[/?]");
        String kind = segments.length > 1 ? segments[1] : "";
        int status = kind.equals("status") && segments.length > 2 ? Integer.parseInt(segments[2]) : 200;
        response.status(HttpResponseStatus.valueOf(status));
        if (!kind.equals("stream") && !kind.equals("trailers")) {
            everyKindOfHeader(response);
        }
        return switch (kind) {
            case "stream" -> response.header("Content-Type", "text/event-stream")
                    .sendString(Flux.interval(Duration.ZERO, EVENT_GAP).take(3).map(i -> "data: event " + i + "\n\n"))
                    .then();
            case "trailers" -> response.header("Content-Type", "text/plain").header("Trailer", "X-Checksum")
                    .trailerHeaders(trailers -> trailers.set("X-Checksum", "abc123"))
                    .sendString(Flux.just("part one, ", "part two")).then();
            case "json" -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"answer\":\"" + target + "\"}")).then();
            case "slow" -> Mono.delay(Duration.ofSeconds(1)).then(response.sendString(Mono.just("late")).then());
            default -> status == 204 || status == 304 || status < 200 ? response.send()
                    : response.header("Content-Type", "text/plain; charset=utf-8")
                            .sendString(Mono.just("answer to " + target)).then();
        };
    }

    private static void everyKindOfHeader(HttpServerResponse response) {
        response.header("X-Repeated", "one").addHeader("X-Repeated", "two")
                .header("Connection", "X-Hop").header("X-Hop", "dropped").header("Keep-Alive", "timeout=5")
                .header("Proxy-Authenticate", "Basic").header("Location", "http://127.0.0.1:1/moved/here?x=1")
                .addHeader("Set-Cookie", "a=1; Path=/").addHeader("Set-Cookie", "b=2; Path=/; HttpOnly")
                .header("Cache-Control", "no-store").header("X-Backend-Case", "Mixed Case Value")
                .header("X-Request-Id", "the-backends-own");
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
