package io.jwtgateway.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Data directories for the file stores of tests that write documents: each new and empty, under {@code target/}. */
public final class DataDirs {

    private DataDirs() {
    }

    /** A new empty directory, {@code target/<prefix>-<random>}. */
    public static Path fresh(String prefix) {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), prefix + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
