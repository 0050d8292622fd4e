package io.jwtgateway.gateway.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.testing.HeadlessChromium;
import io.jwtgateway.gateway.testing.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The token playground in a real browser: headless Chromium on the page the real gateway jar serves, in front of the
 * real sample backend. A configured API key, a 20-second token lifetime and no clock skew, so a token really expires
 * while the test watches. Screenshots of each test's last state land in {@code target/playground/}.
 */
class PlaygroundBrowserIT {

    static final String API_KEY = "playground-browser-test-key";
    static final String SUBJECT = "playground-e2e";
    static final Duration TOKEN_TTL = Duration.ofSeconds(20);   // long enough for the flow, short enough to watch
    static final Dimension DESKTOP = new Dimension(1200, 1000);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SCREENSHOTS = Path.of("target", "playground");

    static JarProcess backend;
    static JarProcess gateway;
    static ChromeDriver browser;
    static String page;

    WebDriverWait wait;

    @BeforeAll
    static void startStack() throws InterruptedException {
        HeadlessChromium.assumeInstalled();
        int backendPort = JarProcess.freePort();
        int gatewayPort = JarProcess.freePort();
        backend = JarProcess.start(JarProcess.jar("sample-backend.jar"), Map.of("INSTANCE_ID", "backend-browser"),
                "--server.port=" + backendPort);
        gateway = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(),
                "--server.port=" + gatewayPort,
                "--gateway.backend.uris=http://127.0.0.1:" + backendPort,
                "--gateway.auth.api-keys[0].sha256=" + sha256Hex(API_KEY),
                "--gateway.auth.api-keys[0].subject=" + SUBJECT,
                "--gateway.auth.api-keys[0].roles=user",
                "--gateway.auth.token-ttl=" + TOKEN_TTL.toSeconds() + "s",
                "--gateway.auth.clock-skew=0s");
        backend.awaitHttpOk("http://127.0.0.1:" + backendPort + "/actuator/health");
        gateway.awaitHttpOk("http://127.0.0.1:" + gatewayPort + "/actuator/health");
        page = "http://127.0.0.1:" + gatewayPort + "/";
        browser = HeadlessChromium.start(DESKTOP.getWidth(), DESKTOP.getHeight());
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
    }

    @BeforeEach
    void openPage() {
        browser.manage().window().setSize(DESKTOP);
        browser.get(page);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterEach
    void keepScreenshotAndCheckConsole(TestInfo test) throws IOException {
        screenshot(test.getTestMethod().orElseThrow().getName());
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
        assertThat(violations).as("Content-Security-Policy violations in the console").isEmpty();
    }

    @Test
    void playgroundWhenKeyTradedThenClaimsCallsAndRevocationShown() throws IOException {
        getToken();

        assertThat(text("decoded-claims")).contains("\"sub\": \"" + SUBJECT + "\"", "\"roles\": [", "\"exp\": ");
        assertThat(text("decoded-header")).contains("\"alg\": \"HS256\"");
        assertThat(text("token-header")).startsWith("eyJ");
        assertThat(text("token-signature")).isNotEmpty();
        assertThat(text("countdown")).startsWith("Expires in");

        Shown secret = call("call-secret");
        assertThat(secret.status()).isEqualTo("200 OK");
        assertThat(secret.wwwAuthenticate()).isEqualTo("(none)");
        assertThat(secret.body()).isEqualTo("Opps, it's sensitive data :(");

        Shown admin = call("call-admin");
        assertThat(admin.status()).isEqualTo("403 Forbidden");
        assertThat(admin.wwwAuthenticate()).contains("error=\"insufficient_scope\"");
        assertThat(admin.body()).contains("\"status\": 403");
        screenshot("playground");                           // the one in the README, as docs/playground.png

        Shown anonymous = call("call-anonymous");
        assertThat(anonymous.status()).isEqualTo("401 Unauthorized");
        assertThat(anonymous.wwwAuthenticate()).isEqualTo("Bearer realm=\"jwt-gateway\"");

        Shown whoami = call("call-whoami");
        assertThat(whoami.status()).isEqualTo("200 OK");
        assertThat(whoami.body()).contains("\"x-auth-subject\": \"" + SUBJECT + "\"");

        Shown revoked = call("revoke");
        assertThat(revoked.status()).isEqualTo("200 OK");
        assertThat(revoked.body()).contains("Your token is revoked");
        assertThat(browser.findElement(By.id("revoked-note")).isDisplayed()).isTrue();

        Shown afterRevoke = call("call-secret");
        assertThat(afterRevoke.status()).isEqualTo("401 Unauthorized");
        assertThat(afterRevoke.wwwAuthenticate()).contains("The token has been revoked");
    }

    @Test
    void playgroundWhenTokenOutlivesExpThenCountdownTurnsRedAndSecretRefused() {
        getToken();
        WebElement countdown = browser.findElement(By.id("countdown"));
        String activeColour = countdown.getCssValue("color");

        new WebDriverWait(browser, TOKEN_TTL.plusSeconds(5))
                .until(driver -> countdown.getText().matches("Expired [1-9].*"));   // a second past exp, at least

        assertThat(countdown.getDomAttribute("class")).contains("expired");
        assertThat(countdown.getCssValue("color")).isNotEqualTo(activeColour).isEqualTo("rgba(179, 38, 30, 1)");
        assertThat(text("expiry-status")).isEqualTo("The token has expired.");
        Shown expired = call("call-secret");
        assertThat(expired.status()).isEqualTo("401 Unauthorized");
        assertThat(expired.wwwAuthenticate()).contains("error=\"invalid_token\"", "The token has expired");
    }

    @Test
    void playgroundWhenEchoSocketOpenedThenMessagesShownAndTheRevocationClosesIt() {
        getToken();
        browser.findElement(By.id("ws-open")).click();
        wait.until(driver -> text("ws-messages").contains("hello " + SUBJECT));
        browser.findElement(By.id("ws-input")).sendKeys("hi from the playground");
        browser.findElement(By.id("ws-send")).click();
        wait.until(driver -> text("ws-messages").contains("echo: hi from the playground"));

        call("revoke");

        wait.until(driver -> text("ws-status").startsWith("closed:"));
        assertThat(text("ws-status")).startsWith("closed: 1008 token revoked");
    }

    @Test
    void playgroundWhenKeyWrongThenNoTokenAndTheRefusalShown() {
        browser.findElement(By.id("api-key")).sendKeys("not-the-key", Keys.ENTER);

        wait.until(driver -> text("key-status").startsWith("No token"));
        assertThat(text("key-status")).isEqualTo("No token: invalid api key.");
        assertThat(browser.findElement(By.id("token-section")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("call-secret")).isEnabled()).isFalse();
        assertThat(latest().status()).isEqualTo("401 Unauthorized");
    }

    @Test
    void playgroundWhenPhoneWidthThenNothingScrollsSideways() {
        browser.manage().window().setSize(PHONE);
        getToken();
        call("call-whoami");

        long pageWidth = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");
        long viewportWidth = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth;");
        assertThat(pageWidth).isLessThanOrEqualTo(viewportWidth);
    }

    /** Types the key and presses Enter, as a keyboard user would, then waits for the token. */
    private void getToken() {
        browser.findElement(By.id("api-key")).sendKeys(API_KEY, Keys.ENTER);
        wait.until(driver -> text("key-status").equals("Got a token for " + SUBJECT + "."));
    }

    /** Clicks a button and waits for the response it causes to head the list. */
    private Shown call(String buttonId) {
        int before = results().size();
        browser.findElement(By.id(buttonId)).click();
        wait.until(driver -> results().size() > before);
        return latest();
    }

    private Shown latest() {
        WebElement result = results().get(0);
        return new Shown(
                result.findElement(By.className("status")).getText(),
                result.findElement(By.className("www-authenticate")).getText(),
                result.findElement(By.className("body")).getText());
    }

    private List<WebElement> results() {
        return browser.findElements(By.cssSelector("#results > li"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getDomProperty("textContent");
    }

    /** The whole page, not just the window: the window grows to the page's height for the shot. */
    private void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser)
                .executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(height, 400)));
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        browser.manage().window().setSize(window);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One response as the page shows it.
     *
     * @param status          the status line, e.g. {@code 401 Unauthorized}
     * @param wwwAuthenticate the challenge, or {@code (none)}
     * @param body            the body, JSON formatted
     */
    record Shown(String status, String wwwAuthenticate, String body) {
    }
}
