package io.jwtgateway.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one route list of a YAML file ({@code spring.cloud.gateway.server.webflux.routes}), as lines: application.yml's
 * is copied into {@code stack/services.yml}, and that one into the Kubernetes ConfigMap's {@code gateway.yml}, each
 * re-indented to its place, so none is kept in step by hand.
 */
public record RouteBlock(int start, int indent, List<String> lines) {

    static final Pattern ROUTES = Pattern.compile("^( *)routes:\\s*(#.*)?$");

    /** The lines after {@code routes:} that belong to its list: deeper than it, blank lines inside included. */
    public static RouteBlock of(List<String> file) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            if (ROUTES.matcher(file.get(i)).matches() && parent(file, i).equals("webflux:")) {
                found.add(i);
            }
        }
        assertThat(found).as("one routes: list under spring.cloud.gateway.server.webflux").hasSize(1);
        int start = found.get(0);
        Matcher matcher = ROUTES.matcher(file.get(start));
        assertThat(matcher.matches()).isTrue();
        int indent = matcher.group(1).length();
        List<String> block = new ArrayList<>();
        for (String line : file.subList(start + 1, file.size())) {
            if (!line.isBlank() && indentOf(line) <= indent) {
                break;
            }
            block.add(line);
        }
        while (!block.isEmpty() && block.get(block.size() - 1).isBlank()) {
            block.remove(block.size() - 1);
        }
        return new RouteBlock(start, indent, List.copyOf(block));
    }

    /** The key that holds line {@code i}: the nearest line above it that is less indented, comments aside. */
    private static String parent(List<String> file, int i) {
        int indent = indentOf(file.get(i));
        for (int j = i - 1; j >= 0; j--) {
            String line = file.get(j);
            if (!line.isBlank() && !line.strip().startsWith("#") && indentOf(line) < indent) {
                return line.strip();
            }
        }
        return "";
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** The block's lines shifted right by {@code spaces} (left when negative), blank lines left as they are. */
    public List<String> shifted(int spaces) {
        return lines.stream()
                .map(line -> line.isBlank() ? line
                        : spaces >= 0 ? " ".repeat(spaces) + line : line.substring(-spaces))
                .toList();
    }

    /** The index of the first line after the block. */
    public int end() {
        return start + 1 + lines.size();
    }
}
