package io.jwtgateway.gateway.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, driven headless through its {@code chromedriver}. Both paths are set explicitly, so
 * Selenium never runs Selenium Manager, which would try to download a driver or a browser.
 */
public final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * Skips the calling tests when the browser or its driver is missing, except under {@code CI=true}, where
     * {@code .ci/run} installs them and a missing one is a failure.
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = "Browser tests need " + BROWSER + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver)";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(missing + ": missing under CI=true");
        }
        assumeTrue(installed, missing + ": skipped, none is installed");
    }

    /** A new headless browser with a window of the given size, keeping the page's console messages. */
    public static ChromeDriver start(int width, int height) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",                     // tests run as root, and Chromium's sandbox refuses root
                "--disable-dev-shm-usage",          // containers often have a small /dev/shm
                "--disable-gpu",
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "--lang=en-US",
                "--no-first-run",
                "--disable-background-networking",  // the page under test is the only thing it talks to
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }
}
