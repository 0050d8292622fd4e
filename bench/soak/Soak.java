import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The soak-and-fault run behind bench/soak.sh (see bench/README.md, "Soak and faults"): two backend instances,
 * Redis, a trusted identity provider (this program's own JWKS endpoint) and two gateway replicas sharing Redis; a
 * short capacity measurement, then about half of it held for the given time with a mix of public requests, valid tokens (the
 * gateways' own and the identity provider's), refused tokens, token issuance and revocations, while four faults are
 * injected and announced. Every 10 s it prints throughput, unexpected statuses, requests slower than 5 s, p99 and each
 * gateway's RSS; at the end a table of what clients saw during and after each fault, and a verdict.
 * Run with the JDK's source launcher (java bench/soak/Soak.java ...); it needs nothing beyond the JDK.
 */
public class Soak {

    static final Duration HUNG = Duration.ofSeconds(60);      // twice the gateway's 30 s backend response timeout
    static final Duration SLOW = Duration.ofSeconds(5);
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** After a fault ends, a dependency may take this long to be seen back (health checks, Redis's 6 s detection). */
    static final Duration SETTLE = Duration.ofSeconds(15);
    static final String API_KEY = "soak-api-key-" + UUID.randomUUID();
    static final String SECRET = "soak-hmac-secret-" + UUID.randomUUID();
    static final String AUDIENCE = "soak-backends";
    static final String BACKEND_KILLED = "backend killed";
    static final String REDIS_DOWN = "Redis down";
    static final String SLOW_BACKEND = "slow backend";

    enum Kind {
        PUBLIC(200), OWN_TOKEN(200), IDP_TOKEN(200), REFUSED(401), ISSUE(200), REVOKE(200), REVOKED_CHECK(401);

        final int expected;

        Kind(int expected) {
            this.expected = expected;
        }

        /** A request to a protected route, checked against the revoked set (revocations themselves aside). */
        boolean isProtected() {
            return this == OWN_TOKEN || this == IDP_TOKEN || this == REFUSED || this == REVOKED_CHECK;
        }
    }

    /** One answered (or not) request. Status 0: no answer within {@link #HUNG}; -1: the connection failed. */
    record Result(Kind kind, long sentMillis, long doneMillis, long micros, int status) {
        boolean unexpected() {
            return status != kind.expected;
        }
    }

    record Fault(String name, String what, long startMillis, long endMillis) {
    }

    final Path root;
    final Path work;
    final Duration duration;
    final String backendKind;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<Result> all = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Result> window = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    volatile String runningFault = "";
    final List<String> ownTokens = Collections.synchronizedList(new ArrayList<>());
    final List<String> idpTokens = new ArrayList<>();
    /** Tokens revoked successfully while Redis was up, with their expiry, for the check after Redis's restart. */
    final Map<String, Long> revoked = Collections.synchronizedMap(new HashMap<>());
    volatile long redisStoppedAt = Long.MAX_VALUE;
    final List<long[]> rss = Collections.synchronizedList(new ArrayList<>());   // {millis, gateway 1 KiB, gateway 2 KiB}
    final AtomicBoolean jwksFailing = new AtomicBoolean();
    final AtomicLong lostRevocations = new AtomicLong(-1);
    final AtomicLong checkedRevocations = new AtomicLong();
    long soakStart;

    KeyPair idpKey;
    String idpIssuer;
    String kid;
    int[] backendPorts;
    Process[] backends;
    int redisPort;
    Process redis;
    int[] gatewayPorts;
    Process[] gateways;

    Soak(Path root, Path work, Duration duration, String backendKind) {
        this.root = root;
        this.work = work;
        this.duration = duration;
        this.backendKind = backendKind;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Soak soak = new Soak(Path.of(options.get("--root")), Path.of(options.get("--work")),
                Duration.parse("PT" + options.getOrDefault("--duration", "10m").toUpperCase(Locale.ROOT)),
                options.getOrDefault("--backend", "nginx"));
        Runtime.getRuntime().addShutdownHook(new Thread(soak::stopAll));
        boolean passed;
        try {
            passed = soak.run();
        } finally {
            soak.stopAll();
        }
        System.exit(passed ? 0 : 1);
    }

    boolean run() throws Exception {
        if (duration.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException("--duration must be at least 5m: the faults take 4 minutes");
        }
        say("work directory " + work);
        startIdentityProvider();
        startBackends();
        startRedis();
        startGateways();
        prepareTokens();
        say("warming up (10 s), then measuring capacity (15 s)");
        closedLoop(Duration.ofSeconds(10), 32);
        double capacity = closedLoop(Duration.ofSeconds(15), 64);
        double rate = capacity / 2;
        say(String.format(Locale.ROOT, "capacity %.0f req/s; holding %.0f req/s for %s", capacity, rate,
                pretty(duration)));
        all.clear();
        window.clear();
        soakStart = System.currentTimeMillis();
        Thread reporter = daemon("reporter", this::report);
        Thread injector = daemon("faults", this::injectFaults);
        Thread revoker = daemon("revocations", this::revokeSteadily);
        Thread issuer = daemon("issuance", this::issueSteadily);
        openLoop(rate, duration);
        say("load stopped; waiting for the requests in flight (at most " + HUNG.toSeconds() + " s)");
        long waitUntil = System.currentTimeMillis() + HUNG.toMillis() + 5_000;
        while (inFlight.get() > 0 && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(200);
        }
        injector.interrupt();
        revoker.interrupt();
        issuer.interrupt();
        reporter.interrupt();
        reporter.join(2_000);
        return summarize(capacity, rate);
    }

    // ---------------------------------------------------------------- the stack

    void startIdentityProvider() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        idpKey = generator.generateKeyPair();
        kid = "soak-" + UUID.randomUUID();
        RSAPublicKey publicKey = (RSAPublicKey) idpKey.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + base64(unsigned(publicKey.getModulus())) + "\",\"e\":\""
                + base64(unsigned(publicKey.getPublicExponent())) + "\"}]}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = jwksFailing.get() ? "{\"error\":\"failing on purpose\"}".getBytes(StandardCharsets.UTF_8)
                    : jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(jwksFailing.get() ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        idpIssuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        say("identity provider (JWKS) on port " + server.getAddress().getPort());
    }

    void startBackends() throws Exception {
        backendPorts = new int[] {freePort(), freePort()};
        backends = new Process[2];
        for (int i = 0; i < 2; i++) {
            backends[i] = startBackend(i);
        }
        for (int port : backendPorts) {
            awaitHttp("http://127.0.0.1:" + port + "/actuator/health", Duration.ofSeconds(90));
        }
        say(backendKind + " backends on ports " + backendPorts[0] + " and " + backendPorts[1]);
    }

    Process startBackend(int i) throws IOException {
        if (backendKind.equals("sample")) {
            return start("backend-" + (i + 1), List.of(java(), "-Xmx128m", "-jar",
                    root.resolve("sample-backend/target/sample-backend.jar").toString(),
                    "--server.port=" + backendPorts[i], "--logging.level.root=WARN"), Map.of());
        }
        Path prefix = Files.createDirectories(work.resolve("nginx-" + (i + 1)));
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    keepalive_timeout 300s;
                    keepalive_requests 10000000;
                    server {
                        listen 127.0.0.1:%2$d backlog=4096;
                        location / { return 200 "ok from backend-%3$d\\n"; }
                        location /actuator/health { default_type application/json; return 200 '{"status":"UP"}'; }
                    }
                }
                """.formatted(prefix, backendPorts[i], i + 1));
        return start("backend-" + (i + 1), List.of("nginx", "-p", prefix.toString(), "-c", conf.toString()), Map.of());
    }

    void startRedis() throws Exception {
        redisPort = freePort();
        redis = startRedisProcess();
        awaitRedis();
        say("Redis on port " + redisPort + " (appendonly yes: what it holds survives a restart)");
    }

    Process startRedisProcess() throws IOException {
        Path dir = Files.createDirectories(work.resolve("redis"));
        return start("redis", List.of("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""), Map.of());
    }

    void awaitRedis() throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            Process ping = new ProcessBuilder("redis-cli", "-p", String.valueOf(redisPort), "ping")
                    .redirectErrorStream(true).start();
            String answer = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (ping.waitFor() == 0 && answer.equals("PONG")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Redis did not start");
    }

    void startGateways() throws Exception {
        gatewayPorts = new int[] {freePort(), freePort()};
        gateways = new Process[2];
        String uris = "http://127.0.0.1:" + backendPorts[0] + ",http://127.0.0.1:" + backendPorts[1];
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new TreeMap<>();
            env.put("SERVER_PORT", String.valueOf(gatewayPorts[i]));
            env.put("GATEWAY_BACKEND_URIS", uris);
            env.put("GATEWAY_AUTH_HMAC_SECRET", SECRET);
            env.put("GATEWAY_AUTH_API_KEYS_0_SHA256", sha256Hex(API_KEY));
            env.put("GATEWAY_AUTH_API_KEYS_0_SUBJECT", "soak");
            env.put("GATEWAY_AUTH_API_KEYS_0_ROLES", "user");
            env.put("GATEWAY_AUTH_TRUSTED_ISSUERS_0_ISSUER", idpIssuer);
            env.put("GATEWAY_AUTH_TRUSTED_ISSUERS_0_JWKS_URI", idpIssuer.replace("/realm", "/jwks.json"));
            env.put("GATEWAY_AUTH_TRUSTED_ISSUERS_0_AUDIENCES", AUDIENCE);
            env.put("GATEWAY_AUTH_TRUSTED_ISSUERS_0_JWKS_REFRESH_INTERVAL", "10s");   // so the JWKS fault is felt
            env.put("GATEWAY_AUTH_REVOCATION_STORE", "redis");
            env.put("GATEWAY_RATE_LIMIT_STORE", "redis");
            env.put("SPRING_DATA_REDIS_URL", "redis://127.0.0.1:" + redisPort);
            env.put("GATEWAY_PLAYGROUND_ENABLED", "false");
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(List.of(System.getenv().getOrDefault("SOAK_GATEWAY_JAVA_OPTIONS", "-Xmx256m").split(" ")));
            command.addAll(List.of("-jar", root.resolve("gateway/target/gateway.jar").toString()));
            gateways[i] = start("gateway-" + (i + 1), command, env);
        }
        for (int port : gatewayPorts) {
            awaitHttp("http://127.0.0.1:" + port + "/readyz", Duration.ofSeconds(120));
        }
        say("gateways on ports " + gatewayPorts[0] + " and " + gatewayPorts[1] + " (pids " + gateways[0].pid() + ", "
                + gateways[1].pid() + ")");
    }

    Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    void stopAll() {
        for (Process process : List.copyOf(processes)) {
            signal(process, "CONT");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        processes.clear();
    }

    // ---------------------------------------------------------------- tokens

    void prepareTokens() throws Exception {
        for (int i = 0; i < 8; i++) {                      // within the token endpoint's burst of 10
            String token = issue(i % 2);
            if (token == null) {
                throw new IllegalStateException("the gateway issued no token");
            }
            ownTokens.add(token);
        }
        for (int i = 0; i < 50; i++) {
            idpTokens.add(idpToken("idp-user-" + i));
        }
    }

    /** A token from the gateway's token endpoint, or null when it was refused. */
    String issue(int gateway) throws Exception {
        HttpResponse<String> response = http.send(post(gateway, "/api/v3/auth")
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        String body = response.body();
        int at = body.indexOf("\"token\":\"") + 9;
        return body.substring(at, body.indexOf('"', at));
    }

    String idpToken(String subject) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"iss\":\"" + idpIssuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"roles\":[\"user\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + ",\"jti\":\""
                + UUID.randomUUID() + "\"}";
        String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(idpKey.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64(rsa.sign());
    }

    /** A token the gateway signed, with one character of its signature changed. */
    String forged() {
        String token = pick(ownTokens);
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    /** About two tokens a second, under the token endpoints' limit of five a second per client address. */
    void issueSteadily() {
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            int gateway = n++ % 2;
            send(Kind.ISSUE, post(gateway, "/api/v3/auth").header("X-API-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), body -> {
                        int at = body.indexOf("\"token\":\"") + 9;
                        synchronized (ownTokens) {
                            ownTokens.add(body.substring(at, body.indexOf('"', at)));
                            if (ownTokens.size() > 200) {   // tokens live 3 minutes: keep the newest
                                ownTokens.remove(0);
                            }
                        }
                    });
        }
    }

    /**
     * One revocation a second: a fresh token revoked on one gateway, then refused as revoked by the other. A revocation
     * that failed (503 while Redis is down: nothing recorded) or is still unanswered after a second is not checked.
     */
    void revokeSteadily() {
        int n = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1_000);
                int at = n++ % 2;
                String token = issue(at);
                if (token == null) {
                    continue;
                }
                long revokedAt = System.currentTimeMillis();
                AtomicBoolean recorded = new AtomicBoolean();
                send(Kind.REVOKE, post(at, "/api/v3/auth/revoke").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), body -> {
                            recorded.set(true);
                            if (revokedAt < redisStoppedAt) {
                                revoked.put(token, Instant.now().getEpochSecond() + 170);
                            }
                        });
                Thread.sleep(1_000);
                if (recorded.get()) {
                    send(Kind.REVOKED_CHECK, get(1 - at, "/api/v3/secret", token).build(), null);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // issuance failed (a gateway busy with a fault): the next second tries again
            }
        }
    }

    /** After Redis's restart: every token revoked before it stopped, and not yet expired, is still refused as revoked. */
    void checkRevocationsSurvived() throws Exception {
        long now = Instant.now().getEpochSecond();
        List<String> alive = new ArrayList<>();
        synchronized (revoked) {
            revoked.forEach((token, expires) -> {
                if (expires - now > 10) {
                    alive.add(token);
                }
            });
        }
        long lost = 0;
        for (String token : alive) {
            for (int gateway = 0; gateway < 2; gateway++) {
                HttpResponse<String> response = http.send(get(gateway, "/api/v3/secret", token).build(),
                        HttpResponse.BodyHandlers.ofString());
                String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
                if (response.statusCode() != 401 || !challenge.contains("revoked")) {
                    lost++;
                }
            }
        }
        checkedRevocations.set(alive.size());
        lostRevocations.set(lost);
        say("revocations after the Redis restart: " + alive.size() + " tokens revoked before it, checked on both "
                + "gateways, " + lost + " not refused as revoked");
    }

    // ---------------------------------------------------------------- load

    HttpRequest.Builder get(int gateway, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(gateway, path)).timeout(HUNG).GET();
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    HttpRequest.Builder post(int gateway, String path) {
        return HttpRequest.newBuilder(uri(gateway, path)).timeout(HUNG);
    }

    URI uri(int gateway, String path) {
        return URI.create("http://127.0.0.1:" + gatewayPorts[gateway] + path);
    }

    /** The steady mix: 40 % public, 35 % the gateway's own tokens, 15 % the identity provider's, 10 % refused. */
    HttpRequest mixed(Kind[] kind) {
        int gateway = ThreadLocalRandom.current().nextInt(2);
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 40) {
            kind[0] = Kind.PUBLIC;
            return get(gateway, "/api/v3/home", null).build();
        }
        if (dice < 75) {
            kind[0] = Kind.OWN_TOKEN;
            return get(gateway, "/api/v3/secret", pick(ownTokens)).build();
        }
        if (dice < 90) {
            kind[0] = Kind.IDP_TOKEN;
            return get(gateway, "/api/v3/secret", pick(idpTokens)).build();
        }
        kind[0] = Kind.REFUSED;
        return get(gateway, "/api/v3/secret", forged()).build();
    }

    void send(Kind kind, HttpRequest request, java.util.function.Consumer<String> onSuccess) {
        long sent = System.currentTimeMillis();
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.decrementAndGet();
            int status;
            if (failure == null) {
                status = response.statusCode();
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                status = cause instanceof java.net.http.HttpTimeoutException ? 0 : -1;
            }
            Result result = new Result(kind, sent, System.currentTimeMillis(), (System.nanoTime() - start) / 1000,
                    status);
            all.add(result);
            window.add(result);
            if (status == kind.expected && onSuccess != null) {
                onSuccess.accept(response.body());
            }
        });
    }

    /** Requests as fast as {@code connections} clients get answers; returns requests per second. */
    double closedLoop(Duration length, int connections) throws InterruptedException {
        long until = System.nanoTime() + length.toNanos();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            daemon("closed-loop", () -> {
                while (System.nanoTime() < until) {
                    Kind[] kind = new Kind[1];
                    try {
                        http.send(mixed(kind), HttpResponse.BodyHandlers.discarding());
                        done.incrementAndGet();
                    } catch (Exception e) {
                        // counted as not done
                    }
                }
                finished.countDown();
            });
        }
        finished.await();
        return done.get() / (double) length.toSeconds();
    }

    /** Requests at a fixed rate, whatever the answers take: a slow gateway gets more in flight, not fewer sent. */
    void openLoop(double perSecond, Duration length) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            for (; sent < due; sent++) {
                Kind[] kind = new Kind[1];
                HttpRequest request = mixed(kind);
                send(kind[0], request, null);
            }
            Thread.sleep(2);
        }
    }

    // ---------------------------------------------------------------- faults

    /** The faults, at fixed points of the run, each announced when it starts and ends. */
    void injectFaults() {
        long total = duration.toMillis();
        try {
            at(total / 10);
            fault(BACKEND_KILLED, "backend-1 killed (SIGKILL), restarted after 30 s", 30_000, () -> {
                kill(backends[0]);
                return () -> backends[0] = startBackend(0);
            });
            at(total / 4);
            fault(REDIS_DOWN, "Redis stopped (SIGTERM) for 20 s, then restarted", 20_000, () -> {
                redisStoppedAt = System.currentTimeMillis();
                redis.destroy();
                redis.waitFor(10, TimeUnit.SECONDS);
                return () -> {
                    redis = startRedisProcess();
                    awaitRedis();
                    daemon("revocation-check", () -> {
                        try {
                            Thread.sleep(SETTLE.toMillis());
                            checkRevocationsSurvived();
                        } catch (Exception e) {
                            say("revocation check failed: " + e);
                        }
                    });
                };
            });
            at(total * 2 / 5);
            fault("JWKS failing", "the identity provider's JWKS endpoint answers 500 for 60 s", 60_000, () -> {
                jwksFailing.set(true);
                return () -> jwksFailing.set(false);
            });
            at(total * 11 / 20);
            fault(SLOW_BACKEND, "backend-2 frozen (SIGSTOP) 2 s of every 3 s for 30 s", 30_000, () -> {
                Thread stutter = daemon("stutter", () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            signal(backends[1], "STOP");
                            Thread.sleep(2_000);
                            signal(backends[1], "CONT");
                            Thread.sleep(1_000);
                        }
                    } catch (InterruptedException e) {
                        signal(backends[1], "CONT");
                    }
                });
                return () -> {
                    stutter.interrupt();
                    stutter.join();
                    signal(backends[1], "CONT");
                };
            });
        } catch (InterruptedException e) {
            // the run ended
        } catch (Exception e) {
            say("fault injection failed: " + e);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    interface Injection {
        Step inject() throws Exception;
    }

    void fault(String name, String what, long lengthMillis, Injection injection) throws Exception {
        long start = System.currentTimeMillis();
        runningFault = name;
        say("FAULT  " + what);
        Step recovery = injection.inject();
        Thread.sleep(Math.max(0, start + lengthMillis - System.currentTimeMillis()));
        recovery.run();
        long end = System.currentTimeMillis();
        faults.add(new Fault(name, what, start, end));
        runningFault = "";
        say("REPAIR " + name + " over (" + (end - start) / 1000 + " s)");
    }

    void at(long millisIntoSoak) throws InterruptedException {
        Thread.sleep(Math.max(0, soakStart + millisIntoSoak - System.currentTimeMillis()));
    }

    void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void signal(Process process, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        } catch (Exception e) {
            // the process is gone
        }
    }

    // ---------------------------------------------------------------- reporting

    void report() {
        say(String.format(Locale.ROOT, "%-8s %8s %-28s %8s %9s %9s %9s  %s", "time", "req/s", "unexpected statuses",
                "> 5 s", "p99 ms", "rss1 MiB", "rss2 MiB", "fault"));
        long next = soakStart + INTERVAL.toMillis();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
            List<Result> results = new ArrayList<>();
            for (Result r; (r = window.poll()) != null;) {
                results.add(r);
            }
            long rss1 = rssKiB(gateways[0]);
            long rss2 = rssKiB(gateways[1]);
            rss.add(new long[] {next, rss1, rss2});
            Stats stats = Stats.of(results, INTERVAL.toMillis());
            say(String.format(Locale.ROOT, "%-8s %8.0f %-28s %8d %9.0f %9d %9d  %s",
                    pretty(Duration.ofMillis(next - soakStart)), stats.perSecond, stats.unexpected(), stats.slow,
                    stats.p99Millis, rss1 / 1024, rss2 / 1024, activeFault(next)));
            next += INTERVAL.toMillis();
        }
    }

    /** The faults that were on at some time in the interval ending at {@code millis}. */
    String activeFault(long millis) {
        List<String> names = new ArrayList<>();
        synchronized (faults) {
            for (Fault fault : faults) {
                if (fault.endMillis > millis - INTERVAL.toMillis()) {
                    names.add(fault.name);
                }
            }
        }
        if (!runningFault.isEmpty()) {
            names.add(runningFault);
        }
        return String.join(", ", names);
    }

    static long rssKiB(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // the process has exited
        }
        return 0;
    }

    record Stats(long requests, double perSecond, Map<Integer, Long> unexpectedStatuses, long slow, double p99Millis,
            double maxMillis) {

        static Stats of(List<Result> results, long spanMillis) {
            Map<Integer, Long> unexpected = new TreeMap<>();
            long slow = 0;
            long[] micros = new long[results.size()];
            for (int i = 0; i < results.size(); i++) {
                Result result = results.get(i);
                micros[i] = result.micros;
                if (result.unexpected()) {
                    unexpected.merge(result.status, 1L, Long::sum);
                }
                if (result.micros >= SLOW.toNanos() / 1000) {
                    slow++;
                }
            }
            java.util.Arrays.sort(micros);
            double p99 = micros.length == 0 ? 0 : micros[(int) Math.min(micros.length - 1, micros.length * 0.99)] / 1e3;
            double max = micros.length == 0 ? 0 : micros[micros.length - 1] / 1e3;
            return new Stats(results.size(), results.size() * 1000.0 / Math.max(1, spanMillis), unexpected, slow, p99,
                    max);
        }

        String unexpected() {
            if (unexpectedStatuses.isEmpty()) {
                return "-";
            }
            StringBuilder text = new StringBuilder();
            unexpectedStatuses.forEach((status, count) -> text.append(text.length() == 0 ? "" : " ")
                    .append(status == 0 ? "hung" : status == -1 ? "failed" : String.valueOf(status))
                    .append('×').append(count));
            return text.toString();
        }
    }

    boolean summarize(double capacity, double rate) {
        List<Result> results = new ArrayList<>(all);
        long hung = results.stream().filter(r -> r.status == 0).count() + inFlight.get();
        Map<String, Long> byKind = new TreeMap<>();
        for (Result result : results) {
            byKind.merge(result.kind.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        System.out.println();
        say("requests sent: " + results.size() + " " + byKind);
        System.out.println();
        if (faults.size() < 4) {
            say("VERDICT: FAIL (only " + faults.size() + " of the 4 faults ran; see the log above)");
            return false;
        }
        System.out.println("| fault | phase | requests | req/s | unexpected statuses | > 5 s | p99 ms | max ms |");
        System.out.println("|---|---|---:|---:|---|---:|---:|---:|");
        Stats calm = Stats.of(results.stream().filter(r -> r.sentMillis < faults.get(0).startMillis).toList(),
                faults.get(0).startMillis - soakStart);
        row("none", "before the first", calm);
        for (Fault fault : faults) {
            List<Result> during = results.stream()
                    .filter(r -> r.sentMillis >= fault.startMillis && r.sentMillis < fault.endMillis).toList();
            long afterEnd = fault.endMillis + 30_000;
            List<Result> after = results.stream()
                    .filter(r -> r.sentMillis >= fault.endMillis && r.sentMillis < afterEnd).toList();
            row(fault.what, "during", Stats.of(during, fault.endMillis - fault.startMillis));
            row(fault.what, "30 s after", Stats.of(after, 30_000));
        }
        Fault last = faults.get(faults.size() - 1);
        long tailStart = last.endMillis + 30_000;
        Stats tail = Stats.of(results.stream().filter(r -> r.sentMillis >= tailStart).toList(),
                Math.max(1, soakStart + duration.toMillis() - tailStart));
        row("none", "to the end", tail);
        System.out.println();

        List<Result> badServerErrors = results.stream()
                .filter(r -> r.status >= 500 && !excusedServerError(r))
                .toList();
        long outside = badServerErrors.size();
        List<Result> protectedDuringRedisFault = results.stream()
                .filter(r -> r.status >= 500 && r.kind.isProtected() && inFault(r, REDIS_DOWN))
                .toList();
        long[] secondMinute = rssBetween(60_000, 120_000);
        long[] lastMinute = rssBetween(duration.toMillis() - 60_000, duration.toMillis() + INTERVAL.toMillis());
        boolean rssSteady = true;
        StringBuilder rssText = new StringBuilder();
        for (int g = 0; g < 2; g++) {
            double change = secondMinute[g] == 0 ? 0 : (lastMinute[g] - secondMinute[g]) * 100.0 / secondMinute[g];
            rssSteady &= Math.abs(change) <= 10;
            rssText.append(String.format(Locale.ROOT, "%sgateway-%d %d → %d MiB (%+.1f %%)", g == 0 ? "" : ", ", g + 1,
                    secondMinute[g] / 1024, lastMinute[g] / 1024, change));
        }
        boolean noHung = hung == 0;
        boolean no5xx = outside == 0;
        boolean servedFromCopy = protectedDuringRedisFault.isEmpty();
        boolean noLost = lostRevocations.get() == 0;
        say(String.format(Locale.ROOT, "capacity %.0f req/s, held %.0f req/s for %s", capacity, rate,
                pretty(duration)));
        verdict(noHung, "no hung request (none unanswered after " + HUNG.toSeconds() + " s): " + hung);
        verdict(no5xx, "no 5xx but 502/503/504 while a backend was down, and 503 to revocations while Redis was (and "
                + SETTLE.toSeconds() + " s after): " + outside + " others " + statuses(badServerErrors));
        verdict(servedFromCopy, "no 5xx on protected routes while Redis was down (and " + SETTLE.toSeconds()
                + " s after), each replica checking tokens against its copy of the revoked set: "
                + protectedDuringRedisFault.size() + " " + statuses(protectedDuringRedisFault));
        verdict(noLost, "no revocation lost across the Redis restart: " + checkedRevocations.get()
                + " revoked tokens checked on both gateways, "
                + (lostRevocations.get() < 0 ? "check did not run" : lostRevocations.get() + " not refused"));
        verdict(rssSteady, "RSS in the last minute within 10 % of the second minute: " + rssText);
        long unexpected = results.stream().filter(Result::unexpected).filter(r -> r.status < 500).count();
        say("for information: " + unexpected + " unexpected statuses below 500 " + statuses(
                results.stream().filter(Result::unexpected).filter(r -> r.status < 500).toList()));
        boolean passed = noHung && no5xx && servedFromCopy && noLost && rssSteady;
        say(passed ? "VERDICT: PASS" : "VERDICT: FAIL");
        return passed;
    }

    /**
     * A 502, 503 or 504 while a backend is down, or a revocation's 503 while Redis is: a revocation Redis cannot record
     * fails rather than being half-recorded, while every other request is served from each replica's copy of the
     * revoked set (max-staleness, 60 s, outlasts the 20 s outage).
     */
    boolean excusedServerError(Result result) {
        if (result.status < 502 || result.status > 504) {
            return false;
        }
        boolean backendDown = inFault(result, BACKEND_KILLED) || inFault(result, SLOW_BACKEND);
        boolean revocationNotRecorded = result.kind == Kind.REVOKE && result.status == 503
                && inFault(result, REDIS_DOWN);
        return backendDown || revocationNotRecorded;
    }

    /** Whether the request was sent while the named fault was on, or in the {@link #SETTLE} time after it. */
    boolean inFault(Result result, String name) {
        for (Fault fault : faults) {
            if (fault.name.equals(name) && result.sentMillis >= fault.startMillis
                    && result.sentMillis <= fault.endMillis + SETTLE.toMillis()) {
                return true;
            }
        }
        return false;
    }

    static String statuses(List<Result> results) {
        Map<String, Long> counts = new TreeMap<>();
        for (Result result : results) {
            counts.merge(result.kind.name().toLowerCase(Locale.ROOT) + ":" + result.status, 1L, Long::sum);
        }
        return counts.toString();
    }

    long[] rssBetween(long fromMillis, long toMillis) {
        long[] sum = new long[2];
        long n = 0;
        synchronized (rss) {
            for (long[] sample : rss) {
                long at = sample[0] - soakStart;
                if (at > fromMillis && at <= toMillis) {
                    sum[0] += sample[1];
                    sum[1] += sample[2];
                    n++;
                }
            }
        }
        return n == 0 ? sum : new long[] {sum[0] / n, sum[1] / n};
    }

    static void row(String fault, String phase, Stats stats) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %s | %d | %.0f | %.0f |%n", fault, phase,
                stats.requests,
                stats.perSecond, stats.unexpected(), stats.slow, stats.p99Millis, stats.maxMillis);
    }

    static void verdict(boolean met, String what) {
        say((met ? "  met     " : "  BROKEN  ") + what);
    }

    // ---------------------------------------------------------------- small things

    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    static void say(String line) {
        System.out.println("[soak " + CLOCK.format(Instant.now()) + "] " + line);
        System.out.flush();
    }

    static String pretty(Duration duration) {
        return String.format(Locale.ROOT, "%d:%02d", duration.toMinutes(), duration.toSecondsPart());
    }

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    <T> T pick(List<T> list) {
        synchronized (list) {
            return list.get(ThreadLocalRandom.current().nextInt(list.size()));
        }
    }

    void awaitHttp(String url, Duration patience) throws Exception {
        long until = System.currentTimeMillis() + patience.toMillis();
        while (System.currentTimeMillis() < until) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + patience.toSeconds() + " s; see " + work);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String sha256Hex(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
