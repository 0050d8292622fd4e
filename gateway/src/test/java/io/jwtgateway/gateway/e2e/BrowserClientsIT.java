package io.jwtgateway.gateway.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.jwtgateway.gateway.testing.HeadlessChromium;
import io.jwtgateway.gateway.testing.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The gateway's browser clients in a real browser: headless Chromium on a page of another origin than the gateway's,
 * calling the real gateway jar (in front of the real sample backend) with fetch, the token cookie and WebSockets. The
 * page's origin {@code http://127.0.0.1:<pagePort>} is the one CORS origin allowed; a second page server on another
 * port of the same host is an origin that is not allowed, yet of the same site, so the browser would still send a
 * {@code SameSite=Lax} cookie with its form post; the gateway refuses that post for its origin (Spring's CORS
 * processing, which runs before the cookie origin check). Tokens live 3 seconds, so a
 * WebSocket really outlives its token while the test watches.
 */
class BrowserClientsIT {

    static final String API_KEY = "browser-clients-test-key";
    static final String SUBJECT = "browser-clients-e2e";
    static final Duration TOKEN_TTL = Duration.ofSeconds(3);
    static final String COOKIE = "gw_token";
    static final String PAGE = "<!doctype html><html><head><meta charset=utf-8><title>client</title></head>"
            + "<body></body></html>";

    static JarProcess backend;
    static JarProcess gateway;
    static HttpServer allowedPages;
    static HttpServer otherPages;
    static ChromeDriver browser;
    static String gw;
    static String allowedPage;
    static String otherPage;

    @BeforeAll
    static void startStack() throws InterruptedException, IOException {
        HeadlessChromium.assumeInstalled();
        int backendPort = JarProcess.freePort();
        int gatewayPort = JarProcess.freePort();
        allowedPages = pageServer();
        otherPages = pageServer();
        String allowedOrigin = "http://127.0.0.1:" + allowedPages.getAddress().getPort();
        String cors = "--spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].";
        backend = JarProcess.start(JarProcess.jar("sample-backend.jar"), Map.of("INSTANCE_ID", "backend-clients"),
                "--server.port=" + backendPort);
        gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(),
                "--server.port=" + gatewayPort,
                "--gateway.backend.uris=http://127.0.0.1:" + backendPort,
                "--gateway.auth.api-keys[0].sha256=" + sha256Hex(API_KEY),
                "--gateway.auth.api-keys[0].subject=" + SUBJECT,
                "--gateway.auth.api-keys[0].roles=user",
                "--gateway.auth.token-ttl=" + TOKEN_TTL.toSeconds() + "s",
                "--gateway.auth.clock-skew=0s",
                "--gateway.auth.cookie.name=" + COOKIE,
                "--gateway.auth.cookie.set-on-issue=true",
                "--gateway.auth.cookie.secure=false",
                "--gateway.auth.cookie.same-site=lax",
                cors + "allowed-origins=" + allowedOrigin,
                cors + "allowed-methods=GET,POST",
                cors + "allowed-headers=Authorization,Content-Type",
                cors + "allow-credentials=true");
        backend.awaitHttpOk("http://127.0.0.1:" + backendPort + "/actuator/health");
        gateway.awaitHttpOk("http://127.0.0.1:" + gatewayPort + "/actuator/health");
        gw = "http://127.0.0.1:" + gatewayPort;
        allowedPage = allowedOrigin + "/";
        otherPage = "http://127.0.0.1:" + otherPages.getAddress().getPort() + "/";
        browser = HeadlessChromium.start(1000, 800);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (allowedPages != null) {
            allowedPages.stop(0);
        }
        if (otherPages != null) {
            otherPages.stop(0);
        }
    }

    @Test
    void fetchWhenPageOfAllowedOriginThenTokenSecretAndReadableRefusal() {
        open(allowedPage);
        String token = token();
        assertThat(token).startsWith("eyJ");

        Map<String, Object> secret = fetch("/api/v3/secret", "GET", "Bearer " + token, null, "omit");
        assertThat(secret.get("status")).isEqualTo(200L);
        assertThat(secret.get("body")).isEqualTo("Opps, it's sensitive data :(");

        Map<String, Object> refused = fetch("/api/v3/secret", "GET", "Bearer not.a.token", null, "omit");
        assertThat(refused.get("status")).isEqualTo(401L);
        assertThat((String) refused.get("wwwAuthenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
        assertThat((String) refused.get("body")).contains("\"status\":401").doesNotContain("Opps");
    }

    @Test
    void fetchWhenPageOfOriginNotAllowedThenBrowserRefusesTheResponse() {
        open(allowedPage);
        assertThat(fetch("/api/v3/auth", "POST", null, "{\"api-key\": \"" + API_KEY + "\"}", "omit"))
                .containsEntry("status", 200L);               // the same call works from the allowed origin

        open(otherPage);
        Map<String, Object> blocked = fetch("/api/v3/auth", "POST", null,
                "{\"api-key\": \"" + API_KEY + "\"}", "omit");
        assertThat(blocked).doesNotContainKey("status");
        assertThat(blocked.get("error")).isEqualTo("TypeError");
    }

    @Test
    void cookieWhenIssuedToAllowedOriginThenSentWithoutHeaderAndFormPostFromOtherOriginRefused() {
        open(allowedPage);
        browser.manage().deleteAllCookies();                  // cookies are per host, not per port: the gateway's too
        assertThat(fetch("/api/v3/whoami", "GET", null, null, "include").get("status")).isEqualTo(401L);

        Map<String, Object> issued = fetch("/api/v3/auth", "POST", null,
                "{\"api-key\": \"" + API_KEY + "\"}", "include");
        assertThat(issued.get("status")).isEqualTo(200L);
        Map<String, Object> whoami = fetch("/api/v3/whoami", "GET", null, null, "include");
        assertThat(whoami.get("status")).isEqualTo(200L);
        assertThat((String) whoami.get("body")).contains(SUBJECT);

        long allowedBefore = postSecretLines(" outcome=allowed");
        Map<String, Object> trustedPost = fetch("/api/v3/secret", "POST", null, null, "include");
        assertThat(trustedPost).containsKey("status");        // a cookie on an unsafe method, from a trusted origin
        Instant written = Instant.now().plusSeconds(10);       // the access log is written by a thread of its own
        while (postSecretLines(" outcome=allowed") == allowedBefore && Instant.now().isBefore(written)) {
            sleep(100);
        }
        assertThat(postSecretLines(" outcome=allowed")).as(gateway.output()).isEqualTo(allowedBefore + 1);

        long refusedBefore = crossOriginRefusals();
        open(otherPage);                                      // same site, an origin CORS does not allow
        js("""
                const iframe = document.createElement('iframe');
                iframe.name = 'sink';
                document.body.appendChild(iframe);
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = arguments[0] + '/api/v3/secret';
                form.target = 'sink';
                const field = document.createElement('input');
                field.name = 'q';
                field.value = 'csrf';
                form.appendChild(field);
                document.body.appendChild(form);
                iframe.onload = () => done(true);
                form.submit();
                """, gw);
        Instant deadline = Instant.now().plusSeconds(10);
        while (crossOriginRefusals() == refusedBefore && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(crossOriginRefusals()).as("access lines POST /api/v3/secret route=cors status=403\n"
                + gateway.output()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void webSocketWhenTokenExpiresThenGreetedEchoedAndClosedTokenExpired() {
        open(allowedPage);
        String token = token();
        Map<String, Object> closed = js("""
                const [gw, token] = [arguments[0], arguments[1]];
                const exp = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
                const messages = [];
                const ws = new WebSocket(gw.replace('http:', 'ws:') + '/api/v3/ws/echo?access_token='
                        + encodeURIComponent(token));
                ws.onmessage = event => {
                    messages.push(event.data);
                    if (messages.length === 1) ws.send('ping from the page');
                };
                ws.onclose = event => done({code: event.code, reason: event.reason, messages: messages,
                        afterExpMs: Date.now() - exp});
                """, gw, token);
        System.out.println("[BrowserClientsIT] close after token exp: " + closed.get("afterExpMs") + " ms");
        assertThat(closed.get("messages")).asList()
                .containsExactly("hello " + SUBJECT, "echo: ping from the page");
        assertThat(closed.get("code")).isEqualTo(1008L);
        assertThat(closed.get("reason")).isEqualTo("token expired");
        assertThat(((Number) closed.get("afterExpMs")).longValue()).isBetween(0L, 2_000L);
    }

    @Test
    void webSocketWhenTokenRevokedThenClosedTokenRevoked() {
        open(allowedPage);
        String token = token();
        Map<String, Object> closed = js("""
                const [gw, token] = [arguments[0], arguments[1]];
                const messages = [];
                let revokeStarted = null, revokeStatus = null, revokeAnswered = null;
                const ws = new WebSocket(gw.replace('http:', 'ws:') + '/api/v3/ws/echo?access_token='
                        + encodeURIComponent(token));
                ws.onmessage = event => {
                    messages.push(event.data);
                    if (messages.length === 1) {
                        revokeStarted = Date.now();
                        fetch(gw + '/api/v3/auth/revoke', {method: 'POST', headers: {Authorization: 'Bearer ' + token}})
                            .then(response => { revokeStatus = response.status; revokeAnswered = Date.now(); });
                    }
                };
                ws.onclose = event => {
                    const closedAt = Date.now();
                    setTimeout(() => done({code: event.code, reason: event.reason, messages: messages,
                            revokeStatus: revokeStatus,
                            afterRevokeMs: revokeStarted === null ? null : closedAt - revokeStarted,
                            afterRevokeAnswerMs: revokeAnswered === null ? null : closedAt - revokeAnswered}), 500);
                };
                """, gw, token);
        System.out.println("[BrowserClientsIT] close after revoke call: " + closed.get("afterRevokeMs")
                + " ms (after its response: " + closed.get("afterRevokeAnswerMs") + " ms)");
        assertThat(closed.get("messages")).asList().containsExactly("hello " + SUBJECT);
        assertThat(closed.get("revokeStatus")).isEqualTo(200L);
        assertThat(closed.get("code")).isEqualTo(1008L);
        assertThat(closed.get("reason")).isEqualTo("token revoked");
    }

    private static HttpServer pageServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "/".equals(exchange.getRequestURI().getPath()) ? PAGE.getBytes(UTF_8) : new byte[0];
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void open(String page) {
        browser.get(page);
    }

    /** A token for the API key, traded by the page itself; the cookie is not asked for. */
    private static String token() {
        Map<String, Object> issued = fetch("/api/v3/auth", "POST", null, "{\"api-key\": \"" + API_KEY + "\"}", "omit");
        assertThat(issued.get("status")).isEqualTo(200L);
        return (String) js("done(JSON.parse(arguments[0]).data.token);", issued.get("body"));
    }

    /** A fetch from the current page: its status, body and challenge, or the name of the error it failed with. */
    private static Map<String, Object> fetch(String path, String method, String authorization, String json,
            String credentials) {
        return js("""
                const [url, method, authorization, json, credentials] = arguments;
                const headers = {};
                if (authorization !== null) headers['Authorization'] = authorization;
                if (json !== null) headers['Content-Type'] = 'application/json';
                fetch(url, {method: method, headers: headers, body: json === null ? undefined : json,
                            credentials: credentials})
                    .then(async response => done({status: response.status, body: await response.text(),
                            wwwAuthenticate: response.headers.get('WWW-Authenticate')}))
                    .catch(error => done({error: error.name, message: error.message}));
                """, gw + path, method, authorization, json, credentials);
    }

    @SuppressWarnings("unchecked")
    private static <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];\n" + script, args);
    }

    /**
     * Refusals of the form post. Spring's CORS processing refuses (403) any request whose {@code Origin} is not
     * allowed before the gateway's own cookie origin check ({@code outcome=cross_site}) would run, so such a line is
     * the CORS step's, under the route {@code cors} with the outcome {@code cors_origin}: the post never reaches the
     * backend.
     */
    private static long crossOriginRefusals() {
        return postSecretLines(" route=cors status=403 ");
    }

    private static long postSecretLines(String fragment) {
        return gateway.output().lines()
                .filter(line -> line.contains(" method=POST ") && line.contains(" path=/api/v3/secret "))
                .filter(line -> line.contains(fragment))
                .count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
