package io.jwtgateway.gateway.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.jwtgateway.gateway.testing.GeneratedFile;
import org.junit.jupiter.api.Test;

/**
 * The README, {@code CONTRIBUTING.md}, {@code docs/} and {@code bench/README.md}: a link from one page to a file or to
 * a heading of another page is checked the way a reader follows it, so a page moved or a heading renamed cannot leave
 * a dead link behind.
 */
class DocsTests {

    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void pagesWhenTheirLinksAreFollowedThenEveryFileAndHeadingExists() throws IOException {
        List<String> dead = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;                                   // http(s), mailto: not ours to check
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    dead.add(name(page) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    dead.add(name(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(dead).as("dead links").isEmpty();
    }

    @Test
    void readmeWhenCountedThenAFrontPageOfAtMost250Lines() throws IOException {
        assertThat(Files.readAllLines(GeneratedFile.REPOSITORY.resolve("README.md"), UTF_8))
                .hasSizeLessThanOrEqualTo(250);
    }

    private static List<Path> pages() throws IOException {
        Path root = GeneratedFile.REPOSITORY;
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md"),
                root.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        if (!page.toString().endsWith(".md")) {
            return Set.of();
        }
        return withoutCodeBlocks(page).lines()
                .map(HEADING::matcher)
                .filter(Matcher::matches)
                .map(heading -> heading.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static String withoutCodeBlocks(Path page) throws IOException {
        return Files.readString(page, UTF_8).replaceAll("(?ms)^```.*?^```", "");
    }

    private static String name(Path page) {
        return GeneratedFile.REPOSITORY.relativize(page).toString();
    }
}
