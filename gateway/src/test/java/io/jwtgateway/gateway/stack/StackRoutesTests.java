package io.jwtgateway.gateway.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.testing.GeneratedFile;
import io.jwtgateway.gateway.testing.RouteBlock;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code stack/services.yml} holds application.yml's route list (Spring Boot replaces a list as a whole), copied here
 * rather than by hand, and both stacks pass that one file to the gateway.
 */
class StackRoutesTests {

    static final String APPLICATION_YML = "gateway/src/main/resources/application.yml";
    static final String SERVICES_YML = "stack/services.yml";
    static final String FIRST = "# generated from gateway/src/main/resources/application.yml";
    static final String LAST = "# end of the routes generated from application.yml";

    @Test
    void stackRoutesWhenApplicationRoutesChangeThenTheGeneratedBlockFollows() throws IOException {
        List<String> services = lines(SERVICES_YML);
        int first = indexOf(services, FIRST);
        int last = indexOf(services, LAST);
        int shift = RouteBlock.of(services).indent() - RouteBlock.of(lines(APPLICATION_YML)).indent();

        List<String> expected = new ArrayList<>(services.subList(0, first + 1));
        expected.addAll(RouteBlock.of(lines(APPLICATION_YML)).shifted(shift));
        expected.addAll(services.subList(last, services.size()));

        GeneratedFile.check(SERVICES_YML, String.join("\n", expected) + "\n");
    }

    @Test
    void stackRoutesWhenReadThenEveryApplicationRouteComesFirstAndInventoryAfter() throws IOException {
        List<String> application = routeIds(APPLICATION_YML);
        List<String> stack = routeIds(SERVICES_YML);

        assertThat(application).contains("public", "authenticated", "streams", "admin");
        assertThat(stack).startsWith(application.toArray(String[]::new)).endsWith("inventory");
    }

    @Test
    void bothStacksWhenStartingTheGatewayThenPassItTheStackRoutes() throws IOException {
        String runLocal = Files.readString(GeneratedFile.REPOSITORY.resolve("run-local.sh"), UTF_8);
        assertThat(runLocal).contains("--spring.config.additional-location=file:" + SERVICES_YML);

        Map<String, Object> compose = yaml("docker-compose.yml");
        Map<String, Map<String, Object>> services = cast(compose.get("services"));
        List<String> gateways = services.keySet().stream().filter(name -> name.startsWith("gateway")).toList();
        assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
        for (String name : gateways) {
            Map<String, Object> gateway = services.get(name);
            Map<String, Object> environment = cast(gateway.get("environment"));
            String location = (String) environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION");
            assertThat(location).as(name).startsWith("file:");
            assertThat(gateway.get("volumes")).as(name)
                    .asInstanceOf(LIST)
                    .contains("./" + SERVICES_YML + ":" + location.substring("file:".length()) + ":ro");
        }
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(marker)) {
                return i;
            }
        }
        throw new AssertionError(SERVICES_YML + " has no line starting with '" + marker + "'");
    }

    private static List<String> routeIds(String file) throws IOException {
        Map<String, Object> webflux = cast(path(yaml(file), "spring", "cloud", "gateway", "server", "webflux"));
        List<Map<String, Object>> routes = cast(webflux.get("routes"));
        return routes.stream().map(route -> (String) route.get("id")).toList();
    }

    private static Object path(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            node = StackRoutesTests.<Map<String, Object>>cast(node).get(key);
        }
        return node;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(GeneratedFile.REPOSITORY.resolve(file), UTF_8));
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(GeneratedFile.REPOSITORY.resolve(file), UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
