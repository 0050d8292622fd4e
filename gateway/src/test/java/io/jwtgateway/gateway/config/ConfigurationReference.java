package io.jwtgateway.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration reference, {@code docs/configuration.md}. Every {@code gateway.*} property comes from the
 * metadata the configuration processor writes into the gateway's classes, with the type, default and description
 * (its record's javadoc) it finds there. The processor does not describe the elements of a list or a map, such as
 * {@code gateway.auth.api-keys[N].sha256}: those come from the element's record, its components and their
 * {@code @param} ({@link RecordJavadoc}). Then the Spring Boot and Spring Cloud Gateway properties the gateway relies
 * on, typed by those libraries' own metadata.
 */
final class ConfigurationReference {

    /** One property: its name, a readable type, the default as a user writes it, and what it does, in Markdown. */
    record Row(String name, String type, String defaultValue, String description) {
    }

    /** The properties under one prefix, such as {@code gateway.auth.signing}, with what that part configures. */
    record Table(String prefix, String lead, List<Row> rows) {
    }

    /** Where the page is checked in, from the repository's root. */
    static final String PAGE = "docs/configuration.md";

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** The page's order: what a newcomer sets first comes first. Any other table follows these. */
    private static final List<String> ORDER = List.of(
            "gateway.auth", "gateway.auth.signing", "gateway.auth.api-keys[N]", "gateway.auth.trusted-issuers[N]",
            "gateway.auth.cache", "gateway.auth.revocation", "gateway.auth.cookie", "gateway.auth.dpop",
            "gateway.auth.dpop.replay", "gateway.auth.dpop.nonce",
            "gateway.backend", "gateway.backend.health-check",
            "gateway.services.<name>", "gateway.service-defaults", "gateway.service-defaults.health-check",
            "gateway.service-defaults.outlier-detection",
            "gateway.rate-limit", "gateway.rate-limit.auth-endpoints", "gateway.rate-limit.default",
            "gateway.rate-limit.routes.<route-id>",
            "gateway.server", "gateway.access-log", "gateway.playground", "gateway", "gateway.store");

    /** How the page names a map's key; {@code <name>} unless said here. */
    private static final Map<String, String> MAP_KEYS = Map.of("gateway.rate-limit.routes", "<route-id>");

    private static final Pattern COLLECTION =
            Pattern.compile("java\\.util\\.(List|Set|Map)<(?:java\\.lang\\.String,)?(.+)>");

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<Class<?>, String> records;
    private final List<Table> tables;
    private final List<Row> reliedOn;

    ConfigurationReference() {
        Path classes = gatewayClasses();
        Metadata metadata = read(classes.resolve(METADATA));
        this.records = metadata.groups().stream().filter(group -> group.sourceMethod() == null)
                .collect(Collectors.toMap(group -> load(group.type()), Group::name));
        this.tables = gatewayTables(metadata);
        this.reliedOn = reliedOn(libraryProperties(), applicationYml(classes));
    }

    /** Each {@code @ConfigurationProperties} record of the gateway with its prefix, which two may share. */
    Map<Class<?>, String> records() {
        return records;
    }

    /** The default the page shows for each property that has one, but for the elements of lists and maps. */
    Map<String, String> defaults() {
        return tables.stream().flatMap(table -> table.rows().stream())
                .filter(row -> !row.defaultValue().isEmpty() && !row.name().matches(".*[\\[<].*"))
                .collect(Collectors.toMap(Row::name, Row::defaultValue));
    }

    /**
     * Every {@code gateway.*} property without a description, and every table without a sentence above it: a list, a
     * map or a nested record without its {@code @param}, or a properties record without a description.
     */
    List<String> undescribed() {
        List<String> names = new ArrayList<>();
        for (Table table : tables) {
            if (table.lead().isEmpty()) {
                names.add(table.prefix());
            }
            table.rows().stream().filter(row -> row.description().isEmpty()).map(Row::name).forEach(names::add);
        }
        return names;
    }

    String page() {
        StringBuilder page = new StringBuilder(INTRO);
        for (Table table : tables) {
            page.append("\n### `").append(table.prefix()).append(".*`\n\n");
            if (!table.lead().isEmpty()) {
                page.append(table.lead()).append("\n\n");
            }
            appendRows(page, table.rows());
        }
        page.append(RELIED_ON_INTRO);
        appendRows(page, reliedOn);
        return page.toString();
    }

    private static void appendRows(StringBuilder page, List<Row> rows) {
        page.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
        for (Row row : rows) {
            page.append("| `").append(row.name()).append("` | ").append(row.type()).append(" | ")
                    .append(row.defaultValue().isEmpty() ? "" : "`" + row.defaultValue() + "`").append(" | ")
                    .append(row.description()).append(" |\n");
        }
    }

    // --- the gateway's properties ---

    /** The shape of a {@code spring-configuration-metadata.json}, as much of it as the page needs. */
    record Metadata(List<Group> groups, List<Property> properties) {
    }

    record Group(String name, String type, @Nullable String sourceType, @Nullable String sourceMethod) {
    }

    record Property(String name, @Nullable String type, @Nullable String description, @Nullable String sourceType,
            @Nullable Object defaultValue) {
    }

    /** A table per prefix, and one per list or map of records, which the processor does not look into. */
    private static List<Table> gatewayTables(Metadata metadata) {
        Map<String, List<Group>> groups = metadata.groups().stream().collect(Collectors.groupingBy(Group::name));
        Map<String, List<Property>> byPrefix = new LinkedHashMap<>();
        List<Table> tables = new ArrayList<>();
        for (Property property : metadata.properties()) {
            Class<?> element = elementRecord(property);
            if (element == null) {
                String prefix = property.name().substring(0, property.name().lastIndexOf('.'));
                byPrefix.computeIfAbsent(prefix, key -> new ArrayList<>()).add(property);
            } else {
                String prefix = property.name() + (typeOf(property).startsWith("java.util.Map")
                        ? "." + MAP_KEYS.getOrDefault(property.name(), "<name>") : "[N]");
                tables.add(new Table(prefix, lead(prefix, property.description()), elementRows(prefix, element)));
            }
        }
        byPrefix.forEach((prefix, properties) -> tables.add(new Table(prefix,
                lead(prefix, groupOf(groups.getOrDefault(prefix, List.of()), properties.get(0))),
                properties.stream().sorted(Comparator.comparingInt(ConfigurationReference::declarationOrder))
                        .map(ConfigurationReference::row).toList())));
        tables.sort(Comparator.comparingInt(table -> ORDER.contains(table.prefix())
                ? ORDER.indexOf(table.prefix()) : ORDER.size()));
        return List.copyOf(tables);
    }

    /** The group a property comes from: two records may share a prefix, as {@code gateway} is shared. */
    private static @Nullable Group groupOf(List<Group> named, Property property) {
        return named.stream().filter(group -> group.type().equals(property.sourceType())).findFirst()
                .orElse(named.isEmpty() ? null : named.get(0));
    }

    private static Row row(Property property) {
        Object value = property.defaultValue();
        String defaultValue = value == null || undeclaredZero(property) ? "" : value.toString();
        if (typeOf(property).startsWith("java.util.List<") && defaultValue.startsWith("[")) {
            defaultValue = defaultValue.substring(1, defaultValue.length() - 1).replace(", ", ",");  // [a, b]: a,b
        }
        return new Row(property.name(), readableType(typeOf(property)), defaultValue,
                RecordJavadoc.markdown(property.description()));
    }

    /**
     * The processor writes 0 as the default of an {@code int} without {@code @DefaultValue}; in our records such a
     * number must be set (a rate limit's), and 0 is refused, so the page shows no default rather than that one.
     */
    private static boolean undeclaredZero(Property property) {
        Parameter parameter = parameterOf(property);
        return Integer.valueOf(0).equals(property.defaultValue())
                && parameter != null && !parameter.isAnnotationPresent(DefaultValue.class);
    }

    /** Rows in the order their record declares them, as its author grouped them. */
    private static int declarationOrder(Property property) {
        Parameter parameter = parameterOf(property);
        return parameter == null ? Integer.MAX_VALUE
                : Arrays.asList(parameter.getDeclaringExecutable().getParameters()).indexOf(parameter);
    }

    /** The constructor parameter a property binds to, which carries its {@code @DefaultValue} and {@code @Name}. */
    private static @Nullable Parameter parameterOf(Property property) {
        Class<?> source = property.sourceType() == null ? null : load(property.sourceType());
        if (source == null || !source.isRecord()) {
            return null;
        }
        String name = property.name().substring(property.name().lastIndexOf('.') + 1);
        RecordComponent[] components = source.getRecordComponents();
        Parameter[] parameters = canonical(source).getParameters();
        for (int i = 0; i < components.length; i++) {
            if (name.equals(propertyName(components[i], parameters[i]))) {
                return parameters[i];
            }
        }
        return null;
    }

    /** What a group configures: the first sentence of its record, or, nested, its component's {@code @param}. */
    private static String lead(String prefix, @Nullable Group group) {
        if (group == null) {
            return "";
        }
        if (group.sourceMethod() == null || group.sourceType() == null) {
            return lead(prefix, RecordJavadoc.of(load(group.type())).summary());
        }
        String component = group.sourceMethod().replace("()", "");
        return lead(prefix, RecordJavadoc.of(load(group.sourceType())).params().get(component));
    }

    /** A sentence above the table, without the prefix its heading shows. */
    private static String lead(String prefix, @Nullable String javadoc) {
        String lead = RecordJavadoc.markdown(javadoc).replace(" (`" + prefix + ".*`)", "");
        return lead.isEmpty() || lead.endsWith(".") ? lead : lead + ".";
    }

    /** The element record of a list or map property, such as {@code ApiKey}; null for any other property. */
    private static @Nullable Class<?> elementRecord(Property property) {
        Matcher collection = COLLECTION.matcher(typeOf(property));
        if (!collection.matches() || !collection.group(2).startsWith("io.jwtgateway.")) {
            return null;
        }
        Class<?> element = load(collection.group(2));
        return element.isRecord() ? element : null;
    }

    /** A row for each component of an element record, through its nested records, as the binder names them. */
    private static List<Row> elementRows(String prefix, Class<?> record) {
        RecordJavadoc javadoc = RecordJavadoc.of(record);
        RecordComponent[] components = record.getRecordComponents();
        Parameter[] parameters = canonical(record).getParameters();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            String name = prefix + "." + propertyName(components[i], parameters[i]);
            if (components[i].getType().isRecord()) {
                rows.addAll(elementRows(name, components[i].getType()));
                continue;
            }
            DefaultValue declared = parameters[i].getAnnotation(DefaultValue.class);
            String defaultValue = declared != null ? String.join(",", declared.value())
                    : components[i].getType() == boolean.class ? "false" : "";
            String type = components[i].getGenericType().getTypeName().replace(", ", ",");  // as the processor writes
            rows.add(new Row(name, readableType(type), defaultValue,
                    RecordJavadoc.markdown(javadoc.params().get(components[i].getName()))));
        }
        return rows;
    }

    /** As the binder names a component: its {@code @Name}, else its name in kebab case. */
    private static String propertyName(RecordComponent component, Parameter parameter) {
        Name name = parameter.getAnnotation(Name.class);
        return name != null ? name.value()
                : component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String typeOf(Property property) {
        return Objects.requireNonNullElse(property.type(), "");
    }

    // --- what the gateway relies on ---

    /** Spring Boot and Spring Cloud Gateway properties the gateway gives a meaning of its own, or depends on. */
    private static final Map<String, String> RELIED_ON = inOrder(
            "server.port", "The port of the routes, the token endpoints and the probes `/livez` and `/readyz`; also of "
                    + "the operator endpoints (`/actuator/*`) unless `management.server.port` moves them.",
            "management.server.port", "A port of their own for the operator endpoints, to be kept off the public "
                    + "network: health there shows every component's details. Unset, they share the main port, "
                    + "where health shows a status only and every other endpoint needs a token with the `admin` "
                    + "role.",
            "management.endpoint.health.show-details", "Set by the gateway unless you set it: `always` on a "
                    + "management port of its own, `never` on the main port.",
            "server.shutdown", "`graceful`: on SIGTERM, readiness turns to refusing traffic, the port stops "
                    + "accepting connections, and requests in flight finish before the process exits.",
            "spring.lifecycle.timeout-per-shutdown-phase", "The longest each phase of a graceful shutdown waits for "
                    + "requests in flight; keep it below the time an orchestrator waits before SIGKILL (30s for "
                    + "`docker stop` and Kubernetes).",
            "server.netty.max-initial-line-length", "The longest request line (method, path and query); a longer "
                    + "one is a 414 with a JSON problem body, and the connection is closed.",
            "server.max-http-request-header-size", "The largest request header section; a larger one is a 431 with a "
                    + "JSON problem body, and the connection is closed.",
            "server.http2.enabled", "Leave it off: the client deadlines and JSON refusals of `gateway.server.*` "
                    + "guard HTTP/1.1 connections only.",
            "spring.data.redis.url", "The Redis used where `gateway.auth.revocation.store`, "
                    + "`gateway.auth.dpop.replay.store`, `gateway.rate-limit.store`, `gateway.auth.clients.store` or "
                    + "`gateway.routes.store` is `redis`; "
                    + "`spring.data.redis.host`, `port` and `password` are the alternative.",
            "spring.cloud.gateway.server.webflux.routes", "The routes, checked at startup. Each route's `metadata` "
                    + "is its policy: `auth: public` or `auth: authenticated` (the default), `roles` the token must "
                    + "all hold, `scopes` with `scope-match: all` (the default) or `any`, and `dpop: required` or "
                    + "`optional` (the default); an unclear policy stops the start. A route sends to `lb://backend` "
                    + "(`gateway.backend.*`), to `lb://<name>` (`gateway.services.<name>.*`) or to a plain http(s) "
                    + "URL. A path no route matches is a 404. `application.yml` ships the sample backend's routes.",
            "spring.cloud.gateway.server.webflux.globalcors.cors-configurations", "CORS by path pattern, for the "
                    + "routes and the gateway's own endpoints alike, the most specific pattern first. A preflight "
                    + "from an allowed origin is answered before any rate limit or authentication, one from another "
                    + "origin is a 403; `WWW-Authenticate`, `X-Request-Id` and `DPoP-Nonce` are exposed unless "
                    + "`exposed-headers` is set. An allowed origin may also send unsafe requests carrying a cookie "
                    + "token (`gateway.auth.cookie.*`). Unset: no CORS.",
            "management.opentelemetry.tracing.export.otlp.endpoint", "Where traces go, over OTLP/HTTP (e.g. "
                    + "`http://collector:4318/v1/traces`). Set, tracing is on: a server span per request with the "
                    + "gateway's decision, a span per backend call, `traceparent` to backends, `trace_id` in the access "
                    + "log and error bodies. Unset, none of it, at no cost (docs/operations.md#traces).",
            "management.tracing.sampling.probability", "The share of new traces exported. A client's sampled flag "
                    + "counts only from `gateway.rate-limit.trusted-proxies`; from anyone else this decides.",
            "management.tracing.export.enabled", "Set by the gateway unless you set it: whether "
                    + "`management.opentelemetry.tracing.export.otlp.endpoint` is set.",
            "spring.cloud.gateway.server.webflux.httpclient.connect-timeout", "Replaced by "
                    + "`gateway.backend.connect-timeout`: a value set here is overwritten.",
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout", "Replaced by "
                    + "`gateway.backend.response-timeout`: a value set here is overwritten.");

    private static final String RELIED_ON_INTRO = """

            ## Spring Boot and Spring Cloud Gateway properties the gateway relies on

            Any Spring Boot or Spring Cloud Gateway property can be set as above. These are the ones the gateway gives \
            a meaning of its own or depends on. A default in this table is the gateway's own where its \
            `application.yml` sets one, else the library's.

            """;

    /** Each, typed by its library's metadata: a property renamed in an upgrade fails the test. */
    private static List<Row> reliedOn(Map<String, Property> library, PropertySource<?> applicationYml) {
        List<Row> rows = new ArrayList<>();
        RELIED_ON.forEach((name, use) -> {
            Property property = library.get(name);
            if (property == null) {
                throw new IllegalStateException(name + " is in no library's configuration metadata: renamed?");
            }
            Object value = applicationYml.getProperty(name);
            Object defaultValue = value != null ? value : property.defaultValue();
            rows.add(new Row(name, readableType(typeOf(property)),
                    defaultValue == null ? "" : defaultValue.toString(), use));
        });
        return rows;
    }

    /** Every property in the metadata of every jar on the class path, the first of each name. */
    private static Map<String, Property> libraryProperties() {
        Map<String, Property> properties = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(ConfigurationReference.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    JSON.readValue(in, Metadata.class).properties().forEach(p -> properties.putIfAbsent(p.name(), p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The gateway's own, packaged one: tests have an application.properties of their own. */
    private static PropertySource<?> applicationYml(Path classes) {
        try {
            return new YamlPropertySourceLoader()
                    .load("application.yml", new FileSystemResource(classes.resolve("application.yml"))).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> inOrder(String... namesAndUses) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndUses.length; i += 2) {
            map.put(namesAndUses[i], namesAndUses[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    // --- types as a user reads them ---

    private static String readableType(String type) {
        Matcher collection = COLLECTION.matcher(type);
        if (collection.matches()) {
            String element = readableType(collection.group(2));
            return (type.startsWith("java.util.Map") ? "map of " : "list of ")
                    + (element.matches("[\\w ]+") ? element + "s" : element);
        }
        return switch (type) {
            case "java.lang.String" -> "string";
            case "java.lang.Boolean", "boolean" -> "boolean";
            case "java.lang.Integer", "int", "java.lang.Long", "long" -> "integer";
            case "java.time.Duration" -> "duration, e.g. `30s`";
            case "org.springframework.util.unit.DataSize" -> "size, e.g. `8KB`";
            case "java.net.URI" -> "URI";
            case "java.nio.file.Path" -> "file path";
            default -> enumValues(type);
        };
    }

    /** An enum's values as a user writes them ({@code round-robin}); any other type by its simple name. */
    private static String enumValues(String type) {
        Class<?> loaded = load(type);
        if (!loaded.isEnum()) {
            return loaded.getSimpleName();
        }
        List<String> values = Arrays.stream(loaded.getEnumConstants())
                .map(value -> "`" + ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
                .toList();
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }

    // --- loading ---

    /** The gateway's own classes (target/classes), where the processor wrote the gateway's metadata. */
    private static Path gatewayClasses() {
        try {
            return Path.of(AuthProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Metadata read(Path file) {
        return JSON.readValue(file.toFile(), Metadata.class);
    }

    private static Constructor<?> canonical(Class<?> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ConfigurationReference.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the class path", e);
        }
    }

    // --- the page's own text ---

    private static final String INTRO =
            """
                    # Configuration reference

                    Every property of the gateway, with its type, its default and what it does, followed by the Spring Boot and \
                    Spring Cloud Gateway properties the gateway relies on.

                    <!-- Generated by ConfigurationReferenceTests from the configuration metadata and the javadoc of the \
                    properties records: edit those, not this page. -->

                    ## Setting a property

                    Each of these sets `gateway.auth.token-ttl`, and the later ones win over the earlier:

                    - in `application.yml`, the packaged one, or one in the directory the gateway starts in (or in its \
                    `config/` folder), which overrides the packaged one key by key:

                      ```yaml
                      gateway:
                        auth:
                          token-ttl: 5m
                          api-keys:
                            - sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
                              subject: reporting
                              roles: [reports]
                      ```
                    - as an environment variable, the name in upper case with `_` for `.` and `-`, and a list's index \
                    between underscores (Spring Boot's relaxed binding): `GATEWAY_AUTH_TOKEN_TTL=5m`, \
                    `GATEWAY_AUTH_HMAC_SECRET=...`, `GATEWAY_AUTH_API_KEYS_0_SHA256=9f86...`, \
                    `GATEWAY_AUTH_API_KEYS_0_ROLES=reports,audit`;
                    - as a command-line argument: `java -jar gateway.jar --gateway.auth.token-ttl=5m`.

                    A duration is written `250ms`, `30s`, `5m`, `24h` or `7d`; a size `512B`, `8KB` or `1MB`; a list \
                    comma-separated (`ES256,EdDSA`) or one index at a time (`[0]`, `[1]`); a value of a fixed set, such as \
                    `redis`, in lower case. Below, `[N]` stands for a list's index, and `<name>` or `<route-id>` for a map's \
                    key.

                    The gateway checks its whole configuration before it takes a request. A value that is malformed, out of \
                    range or too weak (an HMAC secret under 32 bytes, say) stops the start, and the message names every \
                    property at fault, where it was set and what is wrong with it; it never shows a value, as some are \
                    secrets.

                    This page is generated by `ConfigurationReferenceTests` (in `gateway/src/test/java/io/jwtgateway/gateway/config/`) \
                    from the metadata that Spring Boot's configuration processor writes at build time and from the javadoc of \
                    the properties records in `gateway/src/main/java/io/jwtgateway/gateway/config/`: a description is the \
                    record's `@param`, a default its `@DefaultValue`, or for `gateway.service-defaults.*` \
                    `gateway/src/main/resources/META-INF/additional-spring-configuration-metadata.json`. The test fails when \
                    this page is out of date or a property has no description. To change the page, change those, then \
                    regenerate it (with `clean` when only the JSON changed, as the processor runs when Java compiles):

                    ```bash
                    ./mvnw -B -pl gateway -am test -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Dgenerated.write=true
                    ```

                    ## The gateway's properties
                    """;
}
