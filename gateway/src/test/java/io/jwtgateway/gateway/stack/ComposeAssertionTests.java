package io.jwtgateway.gateway.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.GeneratedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose's two gateways must sign identity assertions with one key, or inventory, which fetches the JWKS of one of
 * them, would refuse the other's requests: both name the same key file, from the same volume, which a one-shot
 * service writes before they start. Inventory requires the assertion from a gateway the file runs, with the gateways'
 * issuer; backend does not. Read with a YAML parser alone, and with .env.example's values substituted as Compose
 * would, so no Docker engine is needed.
 */
class ComposeAssertionTests {

    static final String KEY = "GATEWAY_AUTH_ASSERTION_PRIVATE_KEY";
    static final String ISSUER = "GATEWAY_AUTH_ISSUER";

    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;
    static List<String> gateways;

    @BeforeAll
    static void read() throws IOException {
        compose = new Yaml().load(Files.readString(GeneratedFile.REPOSITORY.resolve("docker-compose.yml"), UTF_8));
        services = cast(compose.get("services"));
        gateways = services.keySet().stream().filter(name -> name.startsWith("gateway")).toList();
        assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void gatewaysWhenComposedThenSignWithOneKeyFileFromOneVolumeWrittenBeforeThey() {
        String keyPath = environment(gateways.get(0)).get(KEY);
        assertThat(keyPath).as("%s of %s", KEY, gateways.get(0)).isNotBlank().startsWith("/");
        String source = mountHolding(gateways.get(0), keyPath).source();
        for (String gateway : gateways) {
            assertThat(environment(gateway).get(KEY)).as("%s of %s", KEY, gateway).isEqualTo(keyPath);
            Mount mount = mountHolding(gateway, keyPath);
            assertThat(mount.readOnly()).as("%s mounts the key read-only", gateway).isTrue();
            assertThat(mount.source()).as("the source of %s's key", gateway).isEqualTo(source);
        }
        if (source.startsWith(".") || source.startsWith("/")) {
            return;                                         // a bind mount: the user makes the key before the start
        }
        Map<String, Object> volumes = cast(compose.get("volumes"));
        assertThat(volumes).as("top-level volumes").containsKey(source);
        String writer = writerOf(source);
        Mount written =
                mounts(writer).stream().filter(mount -> mount.source().equals(source)).findFirst().orElseThrow();
        String command = String.join(" ", commandOf(writer));
        assertThat(command).as("%s's command", writer)
                .contains("keys generate ES256 --out " + written.target())
                .contains("test -f " + written.target() + "/private.pem ||");
        assertThat(keyPath).endsWith("/private.pem");
        for (String gateway : gateways) {
            Map<String, Map<String, Object>> dependsOn = cast(services.get(gateway).get("depends_on"));
            assertThat(dependsOn).as("%s depends_on", gateway).containsKey(writer);
            assertThat(dependsOn.get(writer).get("condition")).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void inventoryWhenComposedThenRequiresTheAssertionOfAComposedGatewayAndBackendDoesNot() {
        Map<String, String> inventory = environment("inventory");
        assertThat(inventory.get("REQUIRE_ASSERTION")).isEqualTo("true");
        assertThat(inventory.get("SERVICE_NAME")).isEqualTo("inventory");
        URI jwks = URI.create(inventory.get("GATEWAY_JWKS_URI"));
        assertThat(jwks.getScheme()).isEqualTo("http");
        assertThat(gateways).as("GATEWAY_JWKS_URI's host").contains(jwks.getHost());
        assertThat(jwks.getPort()).as("GATEWAY_JWKS_URI's port").isEqualTo(containerPort(jwks.getHost()));
        assertThat(jwks.getPath()).isEqualTo("/.well-known/jwks.json");
        for (String gateway : gateways) {
            assertThat(inventory.get("GATEWAY_ISSUER")).as("inventory's GATEWAY_ISSUER, %s's %s", gateway, ISSUER)
                    .isEqualTo(environment(gateway).get(ISSUER));
        }
        List<String> backends = services.keySet().stream()
                .filter(name -> "backend".equals(environment(name).get("SERVICE_NAME"))).toList();
        assertThat(backends).isNotEmpty();
        for (String backend : backends) {
            assertThat(environment(backend)).as(backend).doesNotContainKey("REQUIRE_ASSERTION");
        }
    }

    @Test
    void environmentWhenEnvExampleSubstitutedThenGatewaysAndInventoryAgreeOnIssuerAndKey() throws IOException {
        Map<String, String> dotEnv = dotEnv();
        Map<String, String> inventory = substituted(environment("inventory"), dotEnv);
        for (String gateway : gateways) {
            Map<String, String> resolved = substituted(environment(gateway), dotEnv);
            assertThat(resolved.get(ISSUER)).as(gateway).isEqualTo(dotEnv.get(ISSUER))
                    .isEqualTo(inventory.get("GATEWAY_ISSUER"));
            assertThat(resolved.get(KEY)).as(gateway).isEqualTo(environment(gateway).get(KEY));
            assertThat(resolved.values()).as(gateway).noneMatch(value -> value.contains("${"));
        }
        assertThat(inventory.get("REQUIRE_ASSERTION")).isEqualTo("true");
    }

    @Test
    void environmentWhenBoundAsSpringBindsTheProcessEnvironmentThenNamesTheAssertionKeyAndIssuer() throws IOException {
        Map<String, String> dotEnv = dotEnv();
        for (String gateway : gateways) {
            Map<String, Object> resolved = new LinkedHashMap<>(substituted(environment(gateway), dotEnv));
            Binder binder = new Binder(ConfigurationPropertySources
                    .from(new SystemEnvironmentPropertySource("compose " + gateway, resolved)));

            assertThat(binder.bind("gateway.auth.assertion.private-key", String.class).orElse(null)).as(gateway)
                    .isEqualTo(environment(gateway).get(KEY));
            assertThat(binder.bind("gateway.auth.issuer", String.class).orElse(null)).as(gateway)
                    .isEqualTo(dotEnv.get(ISSUER));
        }
    }

    @Test
    void substituteWhenRequiredVariableMissingThenRefusedAsComposeWould() {
        assertThat(substitute("${A:-fallback}", Map.of())).isEqualTo("fallback");
        assertThat(substitute("${A:-fallback}", Map.of("A", "set"))).isEqualTo("set");
        assertThatThrownBy(() -> substitute("${A:?set it}", Map.of())).hasMessageContaining("A");
    }

    /** Compose's interpolation, as much as the file uses: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?message}}. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");

    private static String substitute(String value, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String set = variables.get(matcher.group(1));
            boolean empty = set == null || set.isEmpty();
            if (empty && "?".equals(matcher.group(2))) {
                throw new IllegalStateException(matcher.group(1) + " is required: " + matcher.group(3));
            }
            String replacement = !empty ? set : matcher.group(2) == null ? "" : matcher.group(3);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString();
    }

    private static Map<String, String> substituted(Map<String, String> environment, Map<String, String> dotEnv) {
        Map<String, String> resolved = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            assertThat(value).as("%s: a string or a number, as Compose wants", name).isNotNull();
            resolved.put(name, substitute(value, dotEnv));
        });
        return resolved;
    }

    private static Map<String, String> dotEnv() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GeneratedFile.REPOSITORY.resolve(".env.example"), UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return values;
    }

    /** A short-syntax volume entry, {@code source:target[:ro]}. */
    record Mount(String source, String target, boolean readOnly) {
        static Mount parse(String entry) {
            String[] parts = entry.split(":");
            return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].equals("ro"));
        }
    }

    private static List<Mount> mounts(String service) {
        List<String> volumes = cast(services.get(service).getOrDefault("volumes", List.of()));
        return volumes.stream().map(Mount::parse).toList();
    }

    private static Mount mountHolding(String service, String path) {
        return mounts(service).stream().filter(mount -> path.startsWith(mount.target() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(service + " mounts nothing holding " + path));
    }

    /** The one service, not a gateway, that mounts {@code volume} writable. */
    private static String writerOf(String volume) {
        List<String> writers = services.keySet().stream()
                .filter(name -> !gateways.contains(name))
                .filter(name -> mounts(name).stream().anyMatch(m -> m.source().equals(volume) && !m.readOnly()))
                .toList();
        assertThat(writers).as("services writing %s", volume).hasSize(1);
        return writers.get(0);
    }

    private static List<String> commandOf(String service) {
        Object command = services.get(service).get("command");
        return command instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(command));
    }

    /** The port a service listens on inside the network: what its published ports map to, else the gateway's 8080. */
    private static int containerPort(String service) {
        List<String> ports = cast(services.get(service).getOrDefault("ports", List.of()));
        if (ports.isEmpty()) {
            return 8080;
        }
        String[] parts = ports.get(0).split(":");
        return Integer.parseInt(parts[parts.length - 1]);
    }

    private static Map<String, String> environment(String service) {
        Map<String, Object> environment = cast(services.get(service).getOrDefault("environment", Map.of()));
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> values.put(name,          // Compose takes strings and numbers only
                value instanceof String || value instanceof Number ? String.valueOf(value) : null));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
