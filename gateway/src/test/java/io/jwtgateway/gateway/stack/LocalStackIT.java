package io.jwtgateway.gateway.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.GeneratedFile;
import io.jwtgateway.gateway.testing.HeadlessChromium;
import io.jwtgateway.gateway.testing.JarProcess;
import io.jwtgateway.gateway.testing.OtlpReceiver;
import io.jwtgateway.gateway.testing.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The local stack as a new user starts it: {@code run-local.sh} itself, with its own routes file, on free ports; then
 * the README's "Try it" and "Onboard a client" sections and docs/token-exchange.md's example run against it, command
 * by command, each checked against the comment under it, and the README's WebSocket snippet run in a real browser on
 * the gateway's page. Traces go to a receiver in the test, as an operator's collector: one request's crosses both hops.
 */
class LocalStackIT {

    static final Pattern DEMO_KEY = Pattern.compile("Demo API key: (\\S+)");
    static final Duration STARTUP = Duration.ofSeconds(180);
    static final Duration COMMAND = Duration.ofSeconds(15);

    static Process stack;
    static Path output;
    static int gatewayPort;
    static int inventoryPort;
    static int managementPort;
    static String demoKey;
    static OtlpReceiver collector;

    @BeforeAll
    static void startStack() throws IOException, InterruptedException {
        gatewayPort = JarProcess.freePort();
        managementPort = JarProcess.freePort();
        output = Files.createTempFile(Path.of("target"), "run-local", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "run-local.sh")
                .directory(GeneratedFile.REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("GATEWAY_PORT", Integer.toString(gatewayPort));
        builder.environment().put("BACKEND_PORT", Integer.toString(JarProcess.freePort()));
        inventoryPort = JarProcess.freePort();
        builder.environment().put("INVENTORY_PORT", Integer.toString(inventoryPort));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("GATEWAY_DATA_DIR",
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "local-stack-data").toString());
        collector = OtlpReceiver.start();       // as docs/operations.md's "Traces" has it, every JVM reading these
        builder.environment().put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", collector.endpoint());
        builder.environment().put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        builder.environment().put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "100ms");
        stack = builder.start();
        awaitOutput("Press Ctrl-C");
        Matcher key = DEMO_KEY.matcher(output());
        assertThat(key.find()).as("run-local.sh prints the demo API key:\n%s", output()).isTrue();
        demoKey = key.group(1);
    }

    @AfterAll
    static void stopStack() throws InterruptedException {
        if (stack == null) {
            return;
        }
        List<ProcessHandle> children = stack.descendants().toList();
        stack.destroy();                                        // SIGTERM: the script's trap stops its three JVMs
        if (!stack.waitFor(30, TimeUnit.SECONDS)) {
            stack.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        collector.close();
    }

    @Test
    void traceWhenRequestCrossesTheStackThenTheBackendsSpanIsAChildOfTheGatewaysCall() throws Exception {
        String traceId = "5c1f0a8e3d7b4f2a9e6d8c7b6a5f4e3d";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/api/v3/home"))
                .header("traceparent", "00-" + traceId + "-1a2b3c4d5e6f7a8b-01").build();

        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        ReceivedSpan gateway = collector.awaitSpan(span -> span.traceId().equals(traceId) && span.isServer()
                && span.service().equals("gateway"));
        ReceivedSpan call = collector.awaitSpan(span -> span.traceId().equals(traceId) && span.isClient());
        ReceivedSpan backend = collector.awaitSpan(span -> span.traceId().equals(traceId) && span.isServer()
                && span.service().equals("backend"));
        assertThat(gateway.parentSpanId()).isEqualTo("1a2b3c4d5e6f7a8b");
        assertThat(gateway.attributes()).containsEntry("gateway.route", "public")
                .containsEntry("gateway.service", "backend");
        assertThat(call.parentSpanId()).isEqualTo(gateway.spanId());
        assertThat(backend.parentSpanId()).as("the backend continues the gateway's call").isEqualTo(call.spanId());
    }

    @Test
    void readmeWalkthroughWhenRunAgainstTheLocalStackThenEveryCommandPrintsWhatItsCommentSays() throws Exception {
        Map<String, String> variables = runWalkthrough("## Try it", 8);

        assertThat(variables.get("TOKEN")).as("the walkthrough's token").startsWith("eyJ");
    }

    @Test
    void readmeClientWalkthroughWhenRunAgainstTheLocalStackThenEveryCommandPrintsWhatItsCommentSays()
            throws Exception {
        Map<String, String> variables = runWalkthrough("## Onboard a client", 6);

        assertThat(variables.get("CLIENT_KEY")).as("the walkthrough's first key").startsWith("gwk_");
        assertThat(variables.get("NEW_KEY")).as("the walkthrough's second key").startsWith("gwk_")
                .isNotEqualTo(variables.get("CLIENT_KEY"));
    }

    @Test
    void tokenExchangeWalkthroughWhenRunAgainstTheLocalStackThenEveryCommandPrintsWhatItsCommentSays()
            throws Exception {
        Map<String, String> variables = runWalkthrough("docs/token-exchange.md", "## Try it on the local stack", 4);

        assertThat(variables.get("INVENTORY_TOKEN")).as("the exchanged token").startsWith("eyJ");
    }

    private static Map<String, String> runWalkthrough(String heading, int commands) throws Exception {
        return runWalkthrough("README.md", heading, commands);
    }

    /** Runs a page's section's bash block against the stack, each command checked; returns the variables it set. */
    private static Map<String, String> runWalkthrough(String page, String heading, int commands) throws Exception {
        Walkthrough walkthrough = Walkthrough.read(GeneratedFile.REPOSITORY.resolve(page), heading);
        Map<String, String> variables = new HashMap<>();
        variables.put("G", "http://localhost:" + gatewayPort);
        variables.put("M", "http://localhost:" + managementPort);
        variables.put("I", "http://localhost:" + inventoryPort);
        variables.put("KEY", demoKey);
        int checked = 0;

        for (Walkthrough.Step step : walkthrough.steps()) {
            if (step.isAssignment()) {
                variables.computeIfAbsent(step.variable(), name -> evaluate(step.command(), name, variables));
                continue;
            }
            String printed = step.streams() ? stream(step, variables) : run(step.command(), variables);
            check(step, printed);
            checked++;
        }

        assertThat(checked).as("commands checked in " + heading).isGreaterThanOrEqualTo(commands);
        return variables;
    }

    @Test
    void readmeWebSocketSnippetWhenRunInTheGatewaysPageThenGreetedEchoedThroughTheStack() throws Exception {
        HeadlessChromium.assumeInstalled();
        Walkthrough walkthrough = Walkthrough.read(GeneratedFile.REPOSITORY.resolve("README.md"), "## Try it");
        String token = evaluate("TOKEN=$(curl -s -X POST $G/api/v3/auth -H \"X-API-Key: $KEY\" "
                + "| sed -E 's/.*\"token\":\"([^\"]+)\".*/\\1/')", "TOKEN",
                Map.of("G", "http://localhost:" + gatewayPort, "KEY", demoKey));
        String snippet = walkthrough.javascript()
                .replace("localhost:8080", "localhost:" + gatewayPort)
                .replace("<the token of step 3>", token);
        assertThat(snippet).contains("new WebSocket(").doesNotContain("<");

        ChromeDriver browser = HeadlessChromium.start(800, 600);
        try {
            browser.get("http://localhost:" + gatewayPort + "/");
            Object logged = ((JavascriptExecutor) browser).executeAsyncScript(
                    """
                            const done = arguments[arguments.length - 1];
                            const lines = [];
                            const console = {log: (...parts) => { lines.push(parts.join(' ')); if (lines.length === 2) done(lines); }};
                            setTimeout(() => done(lines), 10000);
                            """
                            + snippet);

            assertThat(logged).asInstanceOf(LIST)
                    .containsExactly("hello demo", "echo: hi");
        } finally {
            browser.quit();
        }
    }

    private static void check(Walkthrough.Step step, String printed) {
        String lower = printed.toLowerCase(Locale.ROOT);
        String what = step.command() + "\nprinted:\n" + printed;
        if (step.status() != null) {
            assertThat(printed).as(what).containsPattern("(?m)^HTTP/1\\.1 " + step.status() + "\\b");
        }
        if (step.header() != null) {
            assertThat(lower).as(what).contains(step.header().toLowerCase(Locale.ROOT));
        }
        if (step.bodyText() != null) {
            assertThat(printed).as(what).contains(step.bodyText());
        }
        String compact = printed.replaceAll("\"\\s*:\\s*", "\":");     // the keys command prints JSON indented
        step.jsonMembers().forEach(member -> assertThat(compact).as(what).contains(member));
        assertThat(step.status() != null || step.header() != null || !step.jsonMembers().isEmpty())
                .as("the comment under '%s' states something to check: '%s'", step.command(), step.comment())
                .isTrue();
    }

    /** Runs one command in bash with the walkthrough's variables, and returns what it printed. */
    private static String run(String command, Map<String, String> variables) throws IOException, InterruptedException {
        Path printed = Files.createTempFile(Path.of("target"), "walkthrough", ".out");
        Process process = bash(command, variables).redirectOutput(printed.toFile()).start();
        if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + COMMAND + ": " + command);
        }
        return Files.readString(printed, UTF_8);
    }

    /**
     * A command that streams until stopped: what it printed by the time every JSON member its comment names has
     * appeared, or by the deadline, when it is stopped.
     */
    private static String stream(Walkthrough.Step step, Map<String, String> variables) throws IOException {
        Process process = bash(step.command(), variables).start();
        CompletableFuture.delayedExecutor(COMMAND.toSeconds(), TimeUnit.SECONDS).execute(() -> stop(process));
        StringBuilder printed = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                printed.append(line).append('\n');
                if (step.jsonMembers().stream().allMatch(member -> printed.indexOf(member) >= 0)) {
                    break;
                }
            }
        } finally {
            stop(process);
        }
        return printed.toString();
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String evaluate(String assignment, String name, Map<String, String> variables) {
        try {
            return run(assignment + "; printf %s \"$" + name + "\"", variables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder bash(String command, Map<String, String> variables) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .directory(GeneratedFile.REPOSITORY.toFile());            // as a user runs it: from the repository
        builder.environment().putAll(variables);
        return builder;
    }

    private static void awaitOutput(String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (!output().contains(text)) {
            if (output().contains("Building the jars")) {
                throw new AssertionError("run-local.sh found its jars older than the sources and began to build: "
                        + "the stack is tested with the jars this build made");
            }
            if (!stack.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("run-local.sh did not start the stack:\n" + output());
            }
            Thread.sleep(250);
        }
    }

    private static String output() {
        try {
            return Files.readString(output, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
