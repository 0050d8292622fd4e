package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checked-in file that the build derives from a source of truth (the configuration metadata, application.yml's
 * routes): a test computes what the file must hold and fails when the checked-in copy differs, so the copy can never
 * go stale unnoticed. Run that test with {@code -Dgenerated.write=true} and it writes the file instead, to be reviewed
 * and committed, e.g.
 * <pre>./mvnw -B -pl gateway -am test -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Dgenerated.write=true</pre>
 */
public final class GeneratedFile {

    /** The repository's root: tests run in the module's folder. */
    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static final String WRITE = "generated.write";

    private GeneratedFile() {
    }

    /** Fails unless {@code relativePath} (from the repository's root) holds exactly {@code expected}, or writes it. */
    public static void check(String relativePath, String expected) {
        Path file = REPOSITORY.resolve(relativePath);
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.writeString(file, expected, UTF_8);
                return;
            }
            String actual = Files.isRegularFile(file) ? Files.readString(file, UTF_8) : "";
            assertThat(actual)
                    .as("%s is generated and no longer matches what it is generated from; run the test with "
                            + "-D%s=true to write it, then review and commit it", relativePath, WRITE)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
