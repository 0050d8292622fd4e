package io.jwtgateway.gateway.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.GeneratedFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose runs two gateway replicas, so every store that can be shared through Redis must be: one left in memory or in
 * a file would let a revocation, a registered client or a route hold on one replica only. The stores are read from
 * the generated configuration reference, so a store added later is checked too.
 */
class ComposeStoresTests {

    /** A row of docs/configuration.md for a property ending in {@code .store} whose values include {@code redis}. */
    static final Pattern REDIS_STORE = Pattern.compile("(?m)^\\| `(gateway\\.[a-z.-]+\\.store)` \\|[^|]*`redis`");

    @Test
    void composeWhenRunningTwoReplicasThenEveryStoreThatCanBeSharedIsRedis() throws IOException {
        List<String> stores = redisStores();
        assertThat(stores).contains("gateway.auth.revocation.store", "gateway.auth.clients.store",
                "gateway.routes.store");

        Map<String, Object> compose = new Yaml()
                .load(Files.readString(GeneratedFile.REPOSITORY.resolve("docker-compose.yml"), UTF_8));
        Map<String, Map<String, Object>> services = cast(compose.get("services"));
        List<String> gateways = services.keySet().stream().filter(name -> name.startsWith("gateway")).toList();
        assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
        for (String name : gateways) {
            Map<String, Object> environment = cast(services.get(name).get("environment"));
            assertThat(environment).as(name).containsKey("SPRING_DATA_REDIS_URL");
            for (String store : stores) {
                assertThat(environment.get(environmentVariable(store))).as("%s: %s", name, store).isEqualTo("redis");
            }
        }
    }

    private static List<String> redisStores() throws IOException {
        Matcher matcher = REDIS_STORE
                .matcher(Files.readString(GeneratedFile.REPOSITORY.resolve("docs/configuration.md"), UTF_8));
        return matcher.results().map(result -> result.group(1)).toList();
    }

    /** As docker-compose.yml writes them, dashes as underscores: {@code GATEWAY_RATE_LIMIT_STORE}, which Boot binds. */
    private static String environmentVariable(String property) {
        return property.replace('.', '_').replace("-", "_").toUpperCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
