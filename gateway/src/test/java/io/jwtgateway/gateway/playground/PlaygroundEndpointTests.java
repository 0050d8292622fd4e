package io.jwtgateway.gateway.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@ExtendWith(BufferLeaks.class)
class PlaygroundEndpointTests {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final List<String> FILES = List.of("/", "/playground.js", "/playground.css");

    /** A scheme that names another origin, or a protocol-relative {@code //host} in an attribute, url() or string. */
    static final Pattern EXTERNAL = Pattern.compile("(?i)\\b(?:https?|wss?|ftp):|(?:[\"'(=`]|url\\()\\s*//");

    @Autowired
    WebTestClient client;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/               | text/html;charset=UTF-8",
            "/playground.js  | text/javascript;charset=UTF-8",
            "/playground.css | text/css;charset=UTF-8"})
    void fileWhenRequestedThenServedWithItsTypeAndTheSecurityHeaders(String path, String contentType) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.parseMediaType(contentType))
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectBody(String.class).value(body -> assertThat(body).isNotBlank());
    }

    @Test
    void pageWhenRequestedThenItIsTheTokenPlayground() {
        String page = read("/");

        assertThat(page).startsWith("<!doctype html>")
                .contains("<title>Token playground")
                .contains("<input id=\"api-key\" name=\"api-key\" type=\"password\"")
                .contains("Decoding is not verifying.");
    }

    @Test
    void pageWhenHeadThenHeadersWithoutBody() {
        client.head().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/html;charset=UTF-8")
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectBody().isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/playground.js"})
    void fileWhenPostedThenMethodNotAllowed(String path) {
        client.post().uri(path).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Void.class);
    }

    @Test
    void filesWhenScannedThenNoOtherOriginNamed() {
        for (String path : FILES) {
            Matcher external = EXTERNAL.matcher(read(path));

            assertThat(external.find())
                    .as("%s names another origin: %s", path, external.hitEnd() ? "" : external.group())
                    .isFalse();
        }
    }

    @Test
    void pageWhenScannedThenLoadsOnlyItsOwnFilesAndCallsOnlyTheApi() {
        String page = read("/");

        assertThat(attributeValues(page, "src")).containsExactly("playground.js");
        assertThat(attributeValues(page, "href")).containsExactly("playground.css");
        assertThat(attributeValues(page, "data-path")).isNotEmpty().allMatch(path -> path.startsWith("/api/v3/"));
        assertThat(quotedPaths(read("/playground.js"))).containsOnly("/api/v3/auth", "/api/v3/auth/revoke");
    }

    @Test
    void pageWhenScannedThenNothingInlineThatTheCspWouldBlock() {
        String page = read("/");

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("(?i)javascript:");
    }

    @Test
    void scriptWhenScannedThenTokenKeptInMemoryAndShownAsText() {
        String script = read("/playground.js");

        assertThat(script).startsWith("//").contains("'use strict';")
                .doesNotContain("localStorage", "sessionStorage", "indexedDB", "document.cookie")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
                .contains("credentials: 'omit'");
    }

    @Nested
    @TestPropertySource(properties = "gateway.playground.enabled=false")
    class WhenDisabled {

        @ParameterizedTest
        @ValueSource(strings = {"/", "/playground.js", "/playground.css"})
        void fileWhenPlaygroundDisabledThenNotFound(String path) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().doesNotExist("Content-Security-Policy")
                    .expectBody(Void.class);
        }

        @Test
        void apiWhenPlaygroundDisabledThenStillServed() {
            client.post().uri("/api/v3/auth").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"api-key\": \"wrong\"}").exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody(Void.class);
        }
    }

    private String read(String path) {
        String body = client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    private static List<String> attributeValues(String html, String attribute) {
        return Pattern.compile("\\s" + attribute + "=\"([^\"]*)\"").matcher(html).results()
                .map(match -> match.group(1))
                .toList();
    }

    /** Every quoted string in the script that starts with {@code /}: the URLs it may fetch. */
    private static List<String> quotedPaths(String script) {
        return Pattern.compile("'(/[a-z][^']*)'").matcher(script).results()
                .map(match -> match.group(1))
                .distinct()
                .toList();
    }
}
