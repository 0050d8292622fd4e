package io.jwtgateway.gateway.keytool;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jwtgateway.gateway.keytool.OperatorClient.Answer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keys client <action>} and {@code keys key <action>}: the operator API from a terminal, so an operator makes,
 * rotates and revokes keys without computing a hash. Each prints the gateway's JSON answer, a new key included (shown
 * this once); a refusal prints the problem's detail and each member at fault, and exits 1.
 */
final class ClientCommand {

    static final String CLIENT = "client";
    static final String KEY = "key";
    static final String GATEWAY_ENV = "GATEWAY_URL";
    static final String TOKEN_ENV = "GATEWAY_TOKEN";
    static final String DEFAULT_GATEWAY = "http://localhost:8080";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> CONNECTION = Set.of("gateway", "token");
    private static final Set<String> METADATA = Set.of("name", "subject", "roles", "scope", "grant-types",
            "token-lifetime", "rate-limit", "dpop-bound", "exchange-audiences");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Clock clock;

    ClientCommand(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
    }

    /** {@code keys client list|show|create|update|disable|enable|delete}. */
    int client(List<String> args) throws Misuse, IOException {
        String action = action(args, "list, show, create, update, disable, enable or delete");
        List<String> rest = args.subList(1, args.size());
        return switch (action) {
            case "list" -> {
                Arguments arguments = Arguments.parse(rest, CONNECTION);
                arguments.positional(0, "no arguments");
                yield print(api(arguments).get(OperatorClient.CLIENTS));
            }
            case "show" -> {
                Arguments arguments = Arguments.parse(rest, CONNECTION);
                yield print(api(arguments).get(clientPath(arguments)));
            }
            case "create" -> {
                Arguments arguments = Arguments.parse(rest, union(CONNECTION, METADATA, Set.of("id", "expires-in")));
                arguments.positional(0, "no arguments: the options say what to create");
                Map<String, Object> body = metadata(arguments);
                if (arguments.option("id") != null) {
                    body.put("client_id", arguments.option("id"));
                }
                if (arguments.option("expires-in") != null) {
                    body.put("client_secret_expires_at", expiry(arguments.option("expires-in")));
                }
                yield print(api(arguments).post(OperatorClient.CLIENTS, JSON.writeValueAsString(body)));
            }
            case "update" -> {
                Arguments arguments = Arguments.parse(rest, union(CONNECTION, METADATA, Set.of()));
                Map<String, Object> body = metadata(arguments);
                if (body.isEmpty()) {
                    throw new Misuse("update needs at least one of --" + String.join(", --", METADATA));
                }
                yield print(api(arguments).patch(clientPath(arguments), JSON.writeValueAsString(body)));
            }
            case "disable", "enable" -> {
                Arguments arguments = Arguments.parse(rest, CONNECTION);
                String status = action.equals("disable") ? "disabled" : "active";
                yield print(api(arguments).patch(clientPath(arguments), "{\"status\":\"" + status + "\"}"));
            }
            case "delete" -> {
                Arguments arguments = Arguments.parse(rest, CONNECTION);
                yield print(api(arguments).delete(clientPath(arguments)));
            }
            default -> throw new Misuse("unknown action client " + action);
        };
    }

    /** {@code keys key add|revoke}. */
    int key(List<String> args) throws Misuse, IOException {
        String action = action(args, "add or revoke");
        List<String> rest = args.subList(1, args.size());
        return switch (action) {
            case "add" -> {
                Arguments arguments = Arguments.parse(rest, union(CONNECTION, Set.of("expires-in"), Set.of()));
                String path = clientPath(arguments) + "/keys";
                String expiresIn = arguments.option("expires-in");
                yield print(api(arguments).post(path, expiresIn == null ? null
                        : "{\"expires_at\":" + expiry(expiresIn) + "}"));
            }
            case "revoke" -> {
                Arguments arguments = Arguments.parse(rest, CONNECTION);
                List<String> ids = arguments.positional(2, "a client id and a key id");
                yield print(api(arguments).delete(OperatorClient.CLIENTS + "/" + segment(ids.get(0)) + "/keys/"
                        + segment(ids.get(1))));
            }
            default -> throw new Misuse("unknown action key " + action);
        };
    }

    private static String action(List<String> args, String expected) throws Misuse {
        if (args.isEmpty()) {
            throw new Misuse("which action? " + expected);
        }
        return args.get(0);
    }

    private static String clientPath(Arguments arguments) throws Misuse {
        return OperatorClient.CLIENTS + "/" + segment(arguments.positional(1, "a client id").get(0));
    }

    /** A client or key id as a path segment: ids are letters, digits and {@code ._~-}, which need no escaping. */
    private static String segment(String id) throws Misuse {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._~-]{0,127}")) {
            throw new Misuse("an id is letters, digits, '.', '_', '~' and '-'");
        }
        return id;
    }

    private OperatorClient api(Arguments arguments) throws Misuse {
        String gateway = arguments.option("gateway") != null ? arguments.option("gateway")
                : environment.getOrDefault(GATEWAY_ENV, DEFAULT_GATEWAY);
        URI uri;
        try {
            uri = new URI(gateway);
        } catch (URISyntaxException notAUri) {
            throw new Misuse("--gateway must be an http or https URL, such as " + DEFAULT_GATEWAY);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new Misuse("--gateway must be an http or https URL, such as " + DEFAULT_GATEWAY);
        }
        String token = arguments.option("token") != null ? arguments.option("token") : environment.get(TOKEN_ENV);
        return new OperatorClient(uri, token == null || token.isBlank() ? null : token);
    }

    private Map<String, Object> metadata(Arguments arguments) throws Misuse {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "client_name", arguments.option("name"));
        put(body, "subject", arguments.option("subject"));
        if (arguments.option("roles") != null) {
            body.put("roles", list(arguments.option("roles")));
        }
        put(body, "scope", arguments.option("scope"));
        if (arguments.option("grant-types") != null) {
            body.put("grant_types", list(arguments.option("grant-types")));
        }
        if (arguments.option("exchange-audiences") != null) {
            body.put("token_exchange_audiences", list(arguments.option("exchange-audiences")));
        }
        if (arguments.option("token-lifetime") != null) {
            body.put("token_lifetime", duration("--token-lifetime", arguments.option("token-lifetime")).toSeconds());
        }
        if (arguments.option("rate-limit") != null) {
            body.put("rate_limit", rateLimit(arguments.option("rate-limit")));
        }
        if (arguments.option("dpop-bound") != null) {
            String bound = arguments.option("dpop-bound");
            if (!bound.equals("true") && !bound.equals("false")) {
                throw new Misuse("--dpop-bound must be true or false");
            }
            body.put("dpop_bound_access_tokens", Boolean.parseBoolean(bound));
        }
        return body;
    }

    private static void put(Map<String, Object> body, String member, @Nullable String value) {
        if (value != null) {
            body.put(member, value);
        }
    }

    private static List<String> list(String commaSeparated) {
        List<String> values = new ArrayList<>();
        for (String value : commaSeparated.split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    /** {@code RATE/BURST}: requests a second, and the most at once. */
    private static Map<String, Integer> rateLimit(String limit) throws Misuse {
        String[] parts = limit.split("/");
        try {
            if (parts.length == 2) {
                return Map.of("replenish_rate", Integer.parseInt(parts[0].strip()), "burst_capacity",
                        Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException notNumbers) {
            // the misuse below says what is expected
        }
        throw new Misuse("--rate-limit is RATE/BURST, such as 5/10: requests a second, and the most at once");
    }

    private long expiry(String expiresIn) throws Misuse {
        return clock.instant().plus(duration("--expires-in", expiresIn)).getEpochSecond();
    }

    /** {@code 90d}, {@code 12h}, {@code 30m}, or a number of seconds. */
    private static Duration duration(String option, String value) throws Misuse {
        try {
            Duration duration = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : DurationStyle.SIMPLE.parse(value);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException notADuration) {
            // the misuse below says what is expected
        }
        throw new Misuse(option + " is a duration such as 90d, 12h, 30m or a number of seconds");
    }

    /** The answer's JSON on stdout, or its problem on stderr and status 1. */
    private int print(Answer answer) {
        if (answer.isSuccess()) {
            if (!answer.body().isBlank()) {
                out.println(pretty(answer.body()));
            }
            return KeysCommand.OK;
        }
        err.println("keys: the gateway answered " + answer.status() + problem(answer.body()));
        return KeysCommand.FAILED;
    }

    private static String pretty(String body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (JacksonException notJson) {
            return body;
        }
    }

    private static String problem(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            StringBuilder text = new StringBuilder();
            if (problem.hasNonNull("detail")) {
                text.append(": ").append(problem.get("detail").asString());
            }
            if (problem.has("errors")) {
                for (JsonNode error : problem.get("errors")) {
                    text.append("\n  ").append(error.path("pointer").asString()).append(' ')
                            .append(error.path("detail").asString());
                }
            }
            return text.toString();
        } catch (JacksonException notJson) {
            return "";
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
