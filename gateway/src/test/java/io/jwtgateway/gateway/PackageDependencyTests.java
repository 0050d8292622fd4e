package io.jwtgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages of the gateway import each other one way only, never in a circle, and each says what it holds: read
 * from the sources, so a new import that closes a circle fails here, not in a reviewer's head.
 */
class PackageDependencyTests {

    static final Path SOURCES = Path.of("src/main/java/io/jwtgateway/gateway");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.jwtgateway\\.gateway\\.(\\w+)\\.",
            Pattern.MULTILINE);

    @Test
    void packagesWhenImportsFollowedThenNoCircle() {
        Map<String, Set<String>> imports = imports();

        List<List<String>> circles = new ArrayList<>();
        for (String start : imports.keySet()) {
            circleFrom(start, imports).ifPresent(circles::add);
        }

        assertThat(circles).as("package circles (package -> ... -> same package)").isEmpty();
    }

    @Test
    void packagesWhenListedThenEachHasADescription() throws IOException {
        for (String name : imports().keySet()) {
            String info = Files.readString(SOURCES.resolve(name).resolve("package-info.java"));
            assertThat(info).as(name).containsPattern("/\\*\\*\\s*\\n?\\s*\\*?\\s*\\S").contains("@NullMarked");
        }
    }

    /** A path of imports from {@code start} back to itself, if there is one (a breadth-first search). */
    private static java.util.Optional<List<String>> circleFrom(String start, Map<String, Set<String>> imports) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return Optional.of(longer);
                }
                if (seen.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return Optional.empty();
    }

    /** Each package with the other packages it imports from. */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            packages.filter(Files::isDirectory).forEach(dir -> {
                String name = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                        Matcher imported = IMPORT.matcher(read(file));
                        while (imported.find()) {
                            used.add(imported.group(1));
                        }
                    });
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                used.remove(name);
                imports.put(name, used);
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        assertThat(imports).as("packages under " + SOURCES.toAbsolutePath()).hasSizeGreaterThan(10);
        return imports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
