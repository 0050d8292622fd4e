package io.jwtgateway.gateway.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.GatewayApplication;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.deploy.BaseManifests.EnvVar;
import io.jwtgateway.gateway.deploy.BaseManifests.Mount;
import io.jwtgateway.gateway.testing.GeneratedFile;
import io.jwtgateway.gateway.testing.PemFiles;
import io.jwtgateway.gateway.testing.RedisServer;
import io.jwtgateway.gateway.testing.RouteBlock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.StandardReactiveWebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The gateway's configuration in Kubernetes is two files: the ConfigMap's {@code gateway.yml} and the Deployment's
 * environment. Started on both, as a pod would start, the gateway accepts them; broken, it refuses to start. Every
 * name in them is one the gateway reads, so a misspelt property, which Spring would ignore, fails here. The
 * ConfigMap's routes are copied from the stacks', and the replicas and inventory agree on the issuer, the stores and
 * the assertion key.
 */
class KubernetesConfigurationTests {

    static final String CONFIG_MAP = "gateway-config";
    static final String SERVICES_YML = "stack/services.yml";
    static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

    /** What the test puts where the pod reads a Secret: values of the right shape, never a real secret. */
    static final Map<String, String> SECRETS = Map.of(
            "hmac-secret", "test-only-hmac-secret-of-at-least-thirty-two-bytes",
            "api-key-sha256", "a".repeat(64),
            "operator-api-key-sha256", "b".repeat(64),
            "dpop-nonce-secret", "test-only-dpop-nonce-secret-of-32-bytes-or-more");

    static Map<String, Object> deployment;
    static Map<String, Object> gateway;
    static Map<String, EnvVar> environment;
    static Path configFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() {
        deployment = BaseManifests.object("gateway-deployment.yaml", "Deployment", "gateway");
        gateway = BaseManifests.container(deployment, "gateway");
        environment = BaseManifests.environment(gateway);
        configFile = BaseManifests.configMapFiles(CONFIG_MAP).get("gateway.yml");
        assertThat(configFile).as("the ConfigMap's gateway.yml").isNotNull().isRegularFile();
    }

    // --- the gateway's own startup check ---

    @Test
    void gatewayWhenStartedOnTheConfigMapAndTheDeploymentsEnvironmentThenStarts() throws Exception {
        try (RedisServer redis = RedisServer.startOrSkip();
                ConfigurableApplicationContext context = start(configFile, redis.url())) {
            assertThat(context.isActive()).isTrue();
            assertThat(context.getEnvironment().getProperty("gateway.auth.revocation.store")).isEqualTo("redis");
        }
    }

    @Test
    void gatewayWhenTheConfigMapRoutesToAnUnknownServiceOrMisspellsAValueThenRefusesToStart() throws Exception {
        String config = Files.readString(configFile, UTF_8);
        assertThat(config).contains("uri: lb://inventory", "store: redis");
        Path broken = Files.writeString(dir.resolve("gateway.yml"),
                config.replace("uri: lb://inventory", "uri: lb://inventroy").replace("store: redis", "store: rediss"),
                UTF_8);

        Throwable thrown = catchThrowable(() -> start(broken, "redis://127.0.0.1:1").close());

        assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
        assertThat(((InvalidConfigurationException) thrown).problems()).extracting(ConfigurationProblem::property)
                .contains("gateway.auth.revocation.store")
                .anyMatch(property -> property.matches(Pattern.quote(ROUTES) + "\\[\\d+]\\.uri"));
    }

    // --- names the gateway would ignore ---

    @Test
    void configMapWhenReadThenEveryPropertyIsOneTheGatewayReads() throws IOException {
        Map<String, Object> properties = flatten(yaml(configFile));
        assertThat(properties).containsKeys("gateway.auth.issuer", "management.server.port", ROUTES + "[0].id");

        assertThat(KnownProperties.load().unknown(properties)).as("properties of %s that nothing reads", configFile)
                .isEmpty();
    }

    @Test
    void deploymentWhenReadThenEveryVariableSetsAPropertyTheGatewayReads() {
        KnownProperties known = KnownProperties.load();
        List<String> unknown = environment.keySet().stream()
                .filter(name -> !name.equals("JDK_JAVA_OPTIONS"))      // the JVM's, not Spring's
                .filter(name -> !known.isVariable(name)).toList();

        assertThat(unknown).as("variables of the gateway container that set nothing").isEmpty();
    }

    @Test
    void knownPropertiesWhenANameIsMisspeltThenItIsUnknown() {
        KnownProperties known = KnownProperties.load();

        assertThat(known.isProperty("gateway.services.inventory.uris[0]")).isTrue();
        assertThat(known.isProperty(ROUTES + "[4].filters[0]")).isTrue();
        assertThat(known.isProperty("gateway.auth.revocation.stroe")).isFalse();
        assertThat(known.isProperty("gateway.services.inventory.urls[0]")).isFalse();
        assertThat(known.isProperty("managment.server.port")).isFalse();
        assertThat(known.isVariable("GATEWAY_AUTH_API_KEYS_1_ROLES")).isTrue();
        assertThat(known.isVariable("GATEWAY_AUTH_API_KEY_0_SHA256")).isFalse();
    }

    // --- what the stacks and the replicas share ---

    @Test
    void configMapRoutesWhenTheStacksRoutesChangeThenTheGeneratedBlockFollows() throws IOException {
        List<String> config = Files.readAllLines(configFile, UTF_8);
        List<String> services = Files.readAllLines(GeneratedFile.REPOSITORY.resolve(SERVICES_YML), UTF_8);
        RouteBlock ours = RouteBlock.of(config);
        RouteBlock theirs = RouteBlock.of(services);

        List<String> expected = new ArrayList<>(config.subList(0, ours.start() + 1));
        expected.addAll(theirs.shifted(ours.indent() - theirs.indent()));
        expected.addAll(config.subList(ours.end(), config.size()));

        GeneratedFile.check(GeneratedFile.REPOSITORY.relativize(configFile).toString(),
                String.join("\n", expected) + "\n");
    }

    @Test
    void configMapWhenReplicasShareRedisThenEveryStoreThatCanBeSharedIsRedis() throws IOException {
        Matcher rows = Pattern.compile("(?m)^\\| `(gateway\\.[a-z.-]+\\.store)` \\|[^|]*`redis`")
                .matcher(Files.readString(GeneratedFile.REPOSITORY.resolve(KnownProperties.REFERENCE), UTF_8));
        List<String> stores = rows.results().map(row -> row.group(1)).toList();
        Map<String, Object> properties = flatten(yaml(configFile));

        assertThat(stores).contains("gateway.auth.revocation.store", "gateway.routes.store");
        for (String store : stores) {
            assertThat(properties.get(store)).as(store).isEqualTo("redis");
        }
        assertThat(properties.get("spring.data.redis.url")).isEqualTo("redis://redis:6379");
    }

    @Test
    void deploymentWhenReadThenMountsTheConfigMapWhereTheGatewayLooksAndTheAssertionKeyFromASecret() {
        String location = environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION").value();
        assertThat(location).startsWith("file:").endsWith("/gateway.yml");
        Mount config = BaseManifests.mountHolding(deployment, gateway, location.substring("file:".length()));
        assertThat(BaseManifests.at(config.volume(), "configMap", "name")).isEqualTo(CONFIG_MAP);

        String key = environment.get("GATEWAY_AUTH_ASSERTION_PRIVATE_KEY").value();
        Mount assertion = BaseManifests.mountHolding(deployment, gateway, key);
        assertThat(BaseManifests.at(assertion.volume(), "secret", "secretName")).isEqualTo("gateway-assertion-key");
        List<Map<String, Object>> items =
                BaseManifests.cast(BaseManifests.at(assertion.volume(), "secret", "items"));
        assertThat(items).extracting(item -> assertion.mountPath() + "/" + item.get("path")).contains(key);
    }

    @Test
    void inventoryWhenDeployedThenRequiresTheAssertionOfTheGatewaysWithTheirIssuer() throws IOException {
        Map<String, Object> inventory = BaseManifests.object("inventory.yaml", "Deployment", "inventory");
        Map<String, EnvVar> env = BaseManifests.environment(BaseManifests.container(inventory, "inventory"));

        assertThat(env.get("REQUIRE_ASSERTION").value()).isEqualTo("true");
        assertThat(env.get("SERVICE_NAME").value()).isEqualTo("inventory");
        assertThat(env.get("GATEWAY_ISSUER").value()).isEqualTo(flatten(yaml(configFile)).get("gateway.auth.issuer"));
        Map<String, Object> service = BaseManifests.object("gateway-service.yaml", "Service", "gateway");
        List<Map<String, Object>> ports = BaseManifests.cast(BaseManifests.at(service, "spec", "ports"));
        assertThat(env.get("GATEWAY_JWKS_URI").value())
                .isEqualTo("http://gateway:" + ports.get(0).get("port") + "/.well-known/jwks.json");
    }

    /**
     * Starts the gateway as the pod would: the Deployment's environment, Secrets replaced by {@link #SECRETS}, the
     * mounted files by their sources, then only what a test JVM needs: free ports and a Redis of its own.
     */
    private ConfigurableApplicationContext start(Path config, String redisUrl) throws GeneralSecurityException {
        Map<String, Object> variables = new LinkedHashMap<>();
        environment.values().forEach(variable -> variables.put(variable.name(), valueOf(variable)));
        variables.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + config);
        variables.put("GATEWAY_AUTH_ASSERTION_PRIVATE_KEY",
                PemFiles.writePrivate(dir, "private.pem", p256()).toString());
        variables.remove("JDK_JAVA_OPTIONS");
        StandardReactiveWebEnvironment pod = new StandardReactiveWebEnvironment();
        pod.getPropertySources().addFirst(new SystemEnvironmentPropertySource("pod-systemEnvironment", variables));
        return new SpringApplicationBuilder(GatewayApplication.class).environment(pod)
                .run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                        "--spring.data.redis.url=" + redisUrl, "--gateway.data-dir=" + dir.resolve("data"));
    }

    private static String valueOf(EnvVar variable) {
        if (variable.value() != null) {
            return variable.value();
        }
        assertThat(variable.secret()).as("%s: a literal or a Secret's key", variable.name()).isNotNull();
        assertThat(SECRETS).as("a test value for the Secret key %s", variable.secretKey())
                .containsKey(variable.secretKey());
        return SECRETS.get(variable.secretKey());
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file, UTF_8));
    }

    /** Nested maps and lists as Spring names their leaves: {@code a.b[0].c}. */
    static Map<String, Object> flatten(Map<String, Object> yaml) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", yaml, flat);
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(
                    (prefix.isEmpty() ? "" : prefix + ".") + String.valueOf(key).toLowerCase(Locale.ROOT), value,
                    flat));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, node);
        }
    }
}
