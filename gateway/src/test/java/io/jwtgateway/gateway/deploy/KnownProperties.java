package io.jwtgateway.gateway.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.testing.GeneratedFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property names the gateway reads, so a misspelt one in a configuration file or an environment variable is
 * found: Spring Boot ignores a name nothing binds, and the gateway's own check sees only the names it binds. Known
 * are the rows of the configuration reference, {@code docs/configuration.md} (every {@code gateway.*} property, its
 * {@code <name>} and {@code [N]} placeholders standing for a map key and a list index, and the Spring properties the
 * gateway relies on), and every property of the Spring libraries' configuration metadata on the classpath. Below a
 * list or a map, such as a route's fields under {@code spring.cloud.gateway.server.webflux.routes}, names are the
 * owner's to judge: Spring Cloud Gateway and the gateway's startup check read every route.
 */
final class KnownProperties {

    static final String REFERENCE = "docs/configuration.md";

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-zN0-9.\\[\\]<>-]+)` \\|");
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** One known name, as a pattern over a property name and over an environment variable's name. */
    private record Known(Pattern property, Pattern variable) {
    }

    private final List<Known> known;

    private KnownProperties(List<Known> known) {
        this.known = List.copyOf(known);
    }

    static KnownProperties load() {
        List<Known> known = new ArrayList<>();
        try {
            Matcher rows = ROW.matcher(Files.readString(GeneratedFile.REPOSITORY.resolve(REFERENCE), UTF_8));
            rows.results().forEach(row -> known.add(of(row.group(1), false)));
            JsonMapper json = JsonMapper.builder().build();
            for (URL url : Collections.list(KnownProperties.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (!name.startsWith("gateway.")) {   // the reference holds the gateway's, map keys spelt out
                            String type = property.path("type").asString("");
                            known.add(of(name, type.startsWith("java.util.Map")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownProperties(known);
    }

    /** Whether a property name, such as {@code gateway.services.inventory.uris[0]}, is one the gateway reads. */
    boolean isProperty(String name) {
        return known.stream().anyMatch(k -> k.property().matcher(name).matches());
    }

    /** Whether an environment variable, such as {@code GATEWAY_AUTH_API_KEYS_0_SHA256}, sets one. */
    boolean isVariable(String name) {
        return known.stream().anyMatch(k -> k.variable().matcher(name).matches());
    }

    /** The names of {@code properties} that are not known: none when every one is. */
    List<String> unknown(Map<String, ?> properties) {
        return properties.keySet().stream().filter(name -> !isProperty(name)).toList();
    }

    /**
     * A reference row, {@code gateway.auth.api-keys[N].sha256}, or a metadata name, as patterns; a map's name ends in
     * any key. What follows a list's index or a map's key ({@code routes[0].id}, {@code level.root}) is accepted.
     */
    private static Known of(String name, boolean map) {
        StringBuilder property = new StringBuilder();
        StringBuilder variable = new StringBuilder();
        Matcher parts = Pattern.compile("<[^>]+>|\\[N]|[^<\\[]+").matcher(name);
        while (parts.find()) {
            String part = parts.group();
            if (part.startsWith("<")) {
                property.append("[^.\\[\\]]+");
                variable.append("[A-Z0-9]+");
            } else if (part.equals("[N]")) {
                property.append("\\[\\d+]");
                variable.append("_\\d+");
            } else {
                property.append(Pattern.quote(part));
                variable.append(Pattern.quote(part.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT)));
            }
        }
        String below = map ? "([.\\[].*)" : "(\\[\\d+](.*)?)?";
        String belowVariable = map ? "_.+" : "(_\\d+(_.+)?)?";
        return new Known(Pattern.compile(property + below), Pattern.compile(variable + belowVariable));
    }
}
