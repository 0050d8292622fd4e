package io.jwtgateway.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory refuse new files, as a disk remounted read-only would: by its permissions, or, for root, whom
 * permissions do not stop, by the immutable attribute ({@code chattr +i}). When neither holds, the calling test is
 * skipped with a message.
 */
final class ReadOnlyDirectory {

    private @Nullable Path directory;
    private boolean immutable;

    void apply(Path dir) {
        directory = dir;
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            if (refusesNewFiles(dir)) {
                return;
            }
            immutable = run("chattr", "+i", dir.toString()) && refusesNewFiles(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Assumptions.assumeTrue(immutable, "cannot make a directory read-only here (root without chattr +i)");
    }

    void restore() {
        Path dir = directory;
        if (dir == null) {
            return;
        }
        if (immutable) {
            run("chattr", "-i", dir.toString());
            immutable = false;
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        directory = null;
    }

    private static boolean refusesNewFiles(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".probe.", ".tmp"));
            return false;
        } catch (IOException expected) {
            return true;
        }
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
