package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.crypto.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * {@code keys api-key [--subject S] [--client-id C] [--roles a,b]}: a random API key, printed this once, and the
 * {@code gateway.auth.api-keys} entry that admits it, which holds only the key's SHA-256.
 */
final class ApiKeyCommand {

    static final String NAME = "api-key";

    private static final int KEY_BYTES = 32;
    private static final String DEFAULT_SUBJECT = "api-client";

    private final PrintStream out;
    private final SecureRandom random;

    ApiKeyCommand(PrintStream out, SecureRandom random) {
        this.out = out;
        this.random = random;
    }

    int run(List<String> args) throws Misuse {
        Arguments arguments = Arguments.parse(args, Set.of("subject", "client-id", "roles"));
        arguments.positional(0, "no arguments");
        @Nullable String clientId = arguments.option("client-id");
        if (clientId != null && !clientId.matches(ApiKey.CLIENT_ID)) {
            throw new Misuse("--client-id must be 1 to 128 visible ASCII characters other than ':'");
        }
        String subject = printable("--subject", arguments.option("subject") != null
                ? arguments.option("subject")
                : clientId != null ? clientId : DEFAULT_SUBJECT);
        List<String> roles = roles(arguments.option("roles"));

        byte[] random = new byte[KEY_BYTES];
        this.random.nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String sha256 = Sha256.hex(key.getBytes(UTF_8));

        out.println("# API key, shown this once: the gateway keeps only its SHA-256");
        out.println(key);
        out.println();
        out.println("# application.yml: add the entry to gateway.auth.api-keys");
        out.print(yaml(sha256, subject, clientId, roles));
        out.println();
        out.println("# or application.properties: [0] is the entry's place in the list; take the next free one");
        out.print(properties(sha256, subject, clientId, roles));
        return KeysCommand.OK;
    }

    private static String yaml(String sha256, String subject, @Nullable String clientId, List<String> roles) {
        StringBuilder yaml = new StringBuilder("gateway:\n  auth:\n    api-keys:\n");
        yaml.append("      - sha256: ").append(sha256).append('\n');
        yaml.append("        subject: ").append(Snippets.yamlString(subject)).append('\n');
        if (clientId != null) {
            yaml.append("        client-id: ").append(Snippets.yamlString(clientId)).append('\n');
        }
        if (!roles.isEmpty()) {
            yaml.append("        roles: [").append(String.join(", ", roles.stream().map(Snippets::yamlString)
                    .toList())).append("]\n");
        }
        return yaml.toString();
    }

    private static String properties(String sha256, String subject, @Nullable String clientId, List<String> roles) {
        String prefix = "gateway.auth.api-keys[0].";
        StringBuilder properties = new StringBuilder(Snippets.property(prefix + "sha256", sha256));
        properties.append(Snippets.property(prefix + "subject", subject));
        if (clientId != null) {
            properties.append(Snippets.property(prefix + "client-id", clientId));
        }
        if (!roles.isEmpty()) {
            properties.append(Snippets.property(prefix + "roles", String.join(",", roles)));
        }
        return properties.toString();
    }

    private static List<String> roles(@Nullable String list) throws Misuse {
        List<String> roles = new ArrayList<>();
        if (list != null) {
            for (String role : list.split(",", -1)) {
                roles.add(printable("--roles", role.strip()));
            }
        }
        return roles;
    }

    /** Refuses blank values and control characters, which could not travel in a claim header. */
    private static String printable(String option, String value) throws Misuse {
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new Misuse(option + " needs non-blank values without control characters");
        }
        return value;
    }
}
