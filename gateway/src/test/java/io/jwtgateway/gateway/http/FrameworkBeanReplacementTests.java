package io.jwtgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.jwtgateway.gateway.testing.GeneratedFile;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.actuate.GatewayControllerEndpoint;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * Every framework bean the gateway replaces is replaced through {@link FrameworkBeanReplacement}, each replacement
 * finds its bean, and the classes replaced or relied upon are byte for byte those the replacements were written
 * against. An upgrade that changes one fails here: read what changed in it, adapt the replacement, then record the new
 * fingerprints with {@code -Dgenerated.write=true}.
 */
@SpringBootTest(properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.uris=http://127.0.0.1:9"})
class FrameworkBeanReplacementTests {

    static final String FINGERPRINTS = "gateway/src/test/resources/framework-beans.txt";

    @Autowired
    List<FrameworkBeanReplacement<?>> replacements;

    @Test
    void replacementsWhenTheContextHasStartedThenEachReplacedTheBeanItNames() {
        assertThat(replacements.stream().<Class<?>>map(FrameworkBeanReplacement::replaced)).containsExactlyInAnyOrder(
                NettyRoutingFilter.class, GatewayMetricsFilter.class, WebSocketService.class,
                GatewayControllerEndpoint.class);
        assertThat(replacements).allSatisfy(replacement -> assertThat(replacement.hasReplaced())
                .as("%s found a bean of %s", replacement.getClass().getSimpleName(), replacement.replaced())
                .isTrue());
    }

    @Test
    void replacedClassesWhenFingerprintedThenTheOnesTheReplacementsWereWrittenAgainst() {
        TreeSet<String> lines = new TreeSet<>();
        for (FrameworkBeanReplacement<?> replacement : replacements) {
            String by = replacement.getClass().getSimpleName();
            lines.add(fingerprint(replacement.replaced()) + "  replaced by " + by);
            replacement.reliesOn().forEach(type -> lines.add(fingerprint(type) + "  relied on by " + by));
        }
        GeneratedFile.check(FINGERPRINTS, "# The framework classes the gateway replaces or relies on, and the SHA-256"
                + " of each one's bytecode (FrameworkBeanReplacementTests)\n" + String.join("\n", lines) + "\n");
    }

    private static String fingerprint(Class<?> type) {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream bytes = Objects.requireNonNull(type.getResourceAsStream(resource), resource)) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.readAllBytes());
            String version = Objects.requireNonNullElse(type.getPackage().getImplementationVersion(), "?");
            return type.getName() + " " + version + " " + HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
