package io.jwtgateway.gateway.backend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.ScriptedBackend;
import io.jwtgateway.gateway.testing.TestTokens;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway's routing filter does what Spring Cloud Gateway's does: the same requests go through two gateways that
 * differ only in {@code gateway.server.routing-filter}, to one recording backend, and what the backend received
 * (method, target, headers, body, how many attempts) and what the client received (status, headers, body, trailers,
 * streamed events arriving apart) must be the same. Headers compare as HTTP defines a field section (RFC 9110 §5.3):
 * names ignoring case, each with its values in the order they came; the order of fields of different names is not
 * significant, and Netty's headers move a field that is set again to the end where Spring's keep its place. Values
 * that differ by nature (dates, request ids, signed assertions, the gateway's port) are masked.
 */
class RoutingFilterEquivalenceTests {

    private static final String ROUTE = "--spring.cloud.gateway.server.webflux.routes[%d].%s=%s";
    private static final Set<String> VOLATILE = Set.of("date", "x-request-id", "x-auth-assertion");

    private static ScriptedBackend backend;
    private static GatewayReplica gateways;
    private static GatewayReplica springCloudGateways;
    private static String token;

    @BeforeAll
    static void start() {
        backend = new ScriptedBackend();
        gateways = GatewayReplica.start(arguments("gateway"));
        springCloudGateways = GatewayReplica.start(arguments("spring-cloud-gateway"));
        token = new TestTokens().valid().sign();
    }

    @AfterAll
    static void stop() {
        springCloudGateways.close();
        gateways.close();
        backend.close();
    }

    private static String[] arguments(String routingFilter) {
        List<String> arguments = new ArrayList<>(List.of("--gateway.server.routing-filter=" + routingFilter,
                "--gateway.backend.uris=" + backend.baseUrl(), "--gateway.backend.health-check.enabled=false",
                "--gateway.backend.response-timeout=5s",
                "--gateway.service-defaults.outlier-detection.consecutive-failures=1000",
                "--spring.main.sources=" + ExtraRoutes.class.getName()));
        String[][] routes = {
                {"plain", "Path=/echo/**,/status/**,/stream/**,/trailers/**"},
                {"secured", "Path=/secured/**", "StripPrefix=1"},
                {"rewrite", "Path=/rewrite/**", "RewritePath=/rewrite/(?<rest>.*), /status/203/$\\{rest}"},
                {"setpath", "Path=/setpath/**", "SetPath=/status/202/fixed"},
                {"preserve", "Path=/preserve/**", "PreserveHostHeader", "StripPrefix=1"},
                {"addreq", "Path=/addreq/**", "AddRequestHeader=X-Added, yes", "StripPrefix=1"},
                {"size", "Path=/size/**", "RequestSize=100", "StripPrefix=1"},
                {"retry", "Path=/retry/**", "Retry=2", "StripPrefix=1"},
                {"addresp", "Path=/addresp/**", "AddResponseHeader=X-Resp, added", "StripPrefix=1"},
                {"dedupe", "Path=/dedupe/**", "DedupeResponseHeader=X-Repeated, RETAIN_FIRST", "StripPrefix=1"},
                {"location", "Path=/location/**", "RewriteLocationResponseHeader=AS_IN_REQUEST, Location, ,",
                        "StripPrefix=1"},
                {"secure", "Path=/secure/**", "SecureHeaders", "StripPrefix=1"},
                {"timeout", "Path=/timeout/**", "StripPrefix=1"}};
        for (int i = 0; i < routes.length; i++) {
            String[] route = routes[i];
            arguments.add(ROUTE.formatted(i, "id", route[0]));
            arguments.add(ROUTE.formatted(i, "uri", "lb://backend"));
            arguments.add(ROUTE.formatted(i, "predicates[0]", route[1]));
            for (int f = 2; f < route.length; f++) {     // StripPrefix replaces the request: the headers too
                arguments.add(ROUTE.formatted(i, "filters[" + (f - 2) + "]", route[f]));
            }
            arguments.add(ROUTE.formatted(i, "metadata.auth", route[0].equals("secured") ? "authenticated" : "public"));
        }
        arguments.add(ROUTE.formatted(routes.length - 1, "metadata.response-timeout", "300"));
        return arguments.toArray(String[]::new);
    }

    /** Routes only Java can configure: a response body rewritten, and a filter of a kind the gateway does not know. */
    @Configuration(proxyBeanMethods = false)
    static class ExtraRoutes {

        @Bean
        RouteLocator extraRoutes(RouteLocatorBuilder builder) {
            return builder.routes()
                    .route("modify", route -> route.path("/modify/**")
                            .filters(filters -> filters.stripPrefix(1).modifyResponseBody(Map.class, Map.class,
                                    (exchange, body) -> Mono.just(Map.of("modified", body))))
                            .metadata("auth", "public").uri("lb://backend"))
                    .route("unknown", route -> route.path("/unknown/**")
                            .filters(filters -> filters.stripPrefix(1).filter(unknownKind()))
                            .metadata("auth", "public").uri("lb://backend"))
                    .build();
        }

        /** A filter whose class is neither Spring Cloud Gateway's nor the gateway's: a JDK proxy. */
        private static GatewayFilter unknownKind() {
            return (GatewayFilter) Proxy.newProxyInstance(GatewayFilter.class.getClassLoader(),
                    new Class<?>[] {GatewayFilter.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "filter" -> ((org.springframework.cloud.gateway.filter.GatewayFilterChain) args[1])
                                .filter((org.springframework.web.server.ServerWebExchange) args[0]);
                        case "toString" -> "unknown kind";
                        case "hashCode" -> 1;
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** One request as a client sends it. */
    record Sent(String method, String target, List<String> headers, String body, boolean chunked) {

        @Override
        public String toString() {
            return method + " " + target + " " + headers + (body.isEmpty() ? "" : " body " + body.length()
                    + (chunked ? " chunked" : ""));
        }
    }

    static Stream<Sent> requests() {
        String big = "x".repeat(64 * 1024);
        List<Sent> sent = new ArrayList<>();
        List<List<String>> headerSets = List.of(
                List.of(),
                List.of("Accept: text/html", "Accept: application/json", "User-Agent: curl/8", "X-Mixed: A",
                        "x-mixed: b"),
                List.of("Connection: keep-alive, X-Custom", "X-Custom: 1", "Keep-Alive: timeout=5", "TE: trailers",
                        "Trailer: X-T", "Proxy-Authorization: Basic eA==", "X-Other: 2"),
                List.of("Forwarded: for=1.2.3.4", "X-Forwarded-For: 1.2.3.4", "X-Forwarded-Proto: https",
                        "X-Forwarded-Host: evil.example", "X-Forwarded-Prefix: /p"),
                List.of("X-Auth-Subject: admin", "x-auth-roles: admin", "Connection: X-Auth-Issuer",
                        "X-Auth-Issuer: me", "Cookie: a=1; b=2", "Cookie: c=3"),
                List.of("Authorization: Bearer not-a-token-for-a-public-route", "X-Request-Id: client-chosen"),
                List.of("Content-Type: application/grpc+proto", "TE: trailers"),
                List.of("Expect: 100-continue", "Content-Type: application/json"));
        for (List<String> headers : headerSets) {
            sent.add(new Sent("GET", "/echo/a%20b?q=1&q=2&empty=", headers, "", false));
            sent.add(new Sent("POST", "/echo", headers, "{\"small\":true}", false));
        }
        for (String method : List.of("PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")) {
            sent.add(new Sent(method, "/echo/" + method, List.of("Content-Type: text/plain"),
                    method.equals("HEAD") || method.equals("OPTIONS") ? "" : "body of " + method, false));
        }
        sent.add(new Sent("POST", "/echo/big", List.of("Content-Type: text/plain"), big, false));
        sent.add(new Sent("POST", "/echo/chunked", List.of("Content-Type: text/plain"), big, true));
        sent.add(new Sent("POST", "/echo/chunked-small", List.of(), "two|chunks", true));
        for (int status : List.of(201, 204, 299, 304, 404, 503)) {
            sent.add(new Sent("GET", "/status/" + status + "/x", List.of(), "", false));
        }
        sent.add(new Sent("GET", "/stream/events", List.of("Accept: text/event-stream"), "", false));
        sent.add(new Sent("GET", "/trailers/x", List.of("TE: trailers"), "", false));
        sent.add(new Sent("GET", "/secured/echo/me", List.of("Authorization: Bearer TOKEN", "X-Auth-Subject: x"), "",
                false));
        sent.add(new Sent("POST", "/secured/echo/me", List.of("Authorization: Bearer TOKEN"), "payload", false));
        sent.add(new Sent("GET", "/secured/echo/me", List.of(), "", false));
        sent.add(new Sent("GET", "/rewrite/some/where?x=1", List.of(), "", false));
        sent.add(new Sent("GET", "/setpath/any", List.of(), "", false));
        sent.add(new Sent("GET", "/preserve/echo", List.of(), "", false));
        sent.add(new Sent("GET", "/addreq/echo", List.of("X-Added: client", "Connection: X-Gone", "X-Gone: 1"), "",
                false));
        sent.add(new Sent("POST", "/addreq/echo", List.of("Content-Type: text/plain"), "with a body", false));
        sent.add(new Sent("POST", "/size/echo", List.of(), "x".repeat(50), false));
        sent.add(new Sent("POST", "/size/echo", List.of(), "x".repeat(200), false));
        sent.add(new Sent("GET", "/retry/status/502/x", List.of(), "", false));
        sent.add(new Sent("GET", "/addresp/echo", List.of(), "", false));
        sent.add(new Sent("GET", "/dedupe/echo", List.of(), "", false));
        sent.add(new Sent("GET", "/location/status/302/x", List.of(), "", false));
        sent.add(new Sent("GET", "/secure/echo", List.of(), "", false));
        sent.add(new Sent("GET", "/timeout/slow/x", List.of(), "", false));
        sent.add(new Sent("GET", "/modify/json/x", List.of(), "", false));
        sent.add(new Sent("GET", "/unknown/echo", List.of(), "", false));
        return sent.stream();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestWhenRoutedByEitherRoutingFilterThenTheBackendAndTheClientSeeTheSame(Sent sent) throws Exception {
        Seen ours = exchange(gateways, sent);
        Seen theirs = exchange(springCloudGateways, sent);

        assertThat(ours.backend()).as("what the backend received").isEqualTo(theirs.backend());
        assertThat(ours.client()).as("what the client received").isEqualTo(theirs.client());
        assertThat(ours.streamed()).as("events arrived as they were sent").isEqualTo(theirs.streamed())
                .isEqualTo(sent.target().contains("/stream/"));
    }

    @Test
    void routesWhenEveryFilterIsKnownThenTheGatewaysOwnRoutesThem() {
        RoutingFilters routing = gateways.bean(RoutingFilters.class);
        assertThat(routing.gatewaysOwn()).isNotNull();
        assertThat(springCloudGateways.bean(RoutingFilters.class).gatewaysOwn()).isNull();
        gateways.bean(RouteLocator.class).getRoutes().collectList().block().forEach(route -> assertThat(
                RoutingFilters.unknownFilter(route) == null).as(route.getId()).isEqualTo(
                        !route.getId().equals(
                                "unknown")));
    }

    /** What one request looked like at the backend (every attempt) and at the client, masked and grouped. */
    record Seen(List<String> backend, List<String> client, boolean streamed) {
    }

    private static Seen exchange(GatewayReplica gateway, Sent sent) throws InterruptedException {
        backend.clear();
        String port = Integer.toString(gateway.port());
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .headers(headers -> sent.headers().forEach(header -> {
                    int colon = header.indexOf(':');
                    headers.add(header.substring(0, colon), header.substring(colon + 1).strip()
                            .replace("TOKEN", token));
                }));
        Flux<String> body = sent.chunked() ? Flux.fromArray(sent.body().split("(?<=\\|)|(?<=x{8192})"))
                : Flux.just(sent.body());
        List<Long> arrivals = new ArrayList<>();
        List<String> answer = client.request(HttpMethod.valueOf(sent.method()))
                .uri("http://127.0.0.1:" + port + sent.target())
                .send((request, outbound) -> {
                    if (!sent.chunked() && !sent.body().isEmpty()) {
                        request.header("Content-Length", Integer.toString(sent.body().getBytes(UTF_8).length));
                    }
                    return sent.body().isEmpty() ? outbound : outbound.send(ByteBufFlux.fromString(body));
                })
                .responseConnection((response, connection) -> connection.inbound().receive().asString(UTF_8)
                        .doOnNext(chunk -> arrivals.add(System.nanoTime()))
                        .collectList()
                        .flatMap(chunks -> response.trailerHeaders().map(trailers -> {
                            List<String> seen = new ArrayList<>();
                            seen.add("status " + response.status().code());
                            String requestId = response.responseHeaders().get("X-Request-Id", "none");
                            seen.addAll(grouped(response.responseHeaders(), port));
                            seen.add("body " + String.join("", chunks).replace(requestId, "<request id>")
                                    .replace(port, "<port>"));
                            seen.add("trailers " + grouped(trailers, port));
                            return seen;
                        })))
                .next()
                .block(Duration.ofSeconds(15));
        List<String> received = new ArrayList<>();
        ScriptedBackend.Received request;
        while ((request =
                backend.next(received.isEmpty() && !sent.target().startsWith("/size/echo") ? 2 : 0)) != null) {
            received.add(request.method() + " " + request.target());
            Map<String, List<String>> byName = new TreeMap<>();
            request.headers().forEach(header -> byName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(mask(header.getKey(), header.getValue(), port)));
            byName.forEach((name, values) -> received.add(name + ": " + values));
            received.add("body " + request.body().length() + " " + request.body().hashCode());
        }
        boolean streamed = arrivals.size() >= 3
                && arrivals.get(arrivals.size() - 1) - arrivals.get(0) >= Duration.ofMillis(200).toNanos();
        return new Seen(received, answer, sent.target().contains("/stream/") && streamed);
    }

    private static List<String> grouped(io.netty.handler.codec.http.HttpHeaders headers, String port) {
        Map<String, List<String>> byName = new TreeMap<>();
        headers.forEach(header -> byName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                name -> new ArrayList<>()).add(mask(header.getKey(), header.getValue(), port)));
        List<String> lines = new ArrayList<>();
        byName.forEach((name, values) -> lines.add(name + ": " + values));
        return lines;
    }

    private static String mask(String name, String value, String port) {
        return VOLATILE.contains(name.toLowerCase(Locale.ROOT)) ? "<varies>" : value.replace(port, "<port>");
    }
}
