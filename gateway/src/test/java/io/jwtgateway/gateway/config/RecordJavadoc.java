package io.jwtgateway.gateway.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The javadoc of a properties record, read from its source file: the text the configuration processor takes each
 * property's description from. The processor leaves some of it out of the metadata: a record's own description, the
 * {@code @param} of a component that is a nested record (a group, not a property), and every component of a record
 * that is only ever an element of a list or a map. Text is as written, {@code {@code ...}} and all, on one line;
 * {@link #markdown} renders it for the page.
 *
 * @param summary the first sentence of the record's description; empty when it has none
 * @param params  each component's {@code @param} text by component name
 */
record RecordJavadoc(String summary, Map<String, String> params) {

    /** Tests run in the module's folder. */
    private static final Path SOURCES = Path.of("src/main/java");

    /** A block tag begins a line of the comment. */
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^(?=@)");

    private static final Pattern PARAM = Pattern.compile("(?s)@param\\s+(\\w+)\\s+(.*)");

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*");

    static RecordJavadoc of(Class<?> record) {
        String source = read(record);
        Matcher declaration = Pattern.compile("\\brecord\\s+" + record.getSimpleName() + "\\s*\\(").matcher(source);
        if (!record.isRecord() || !declaration.find()) {
            throw new IllegalArgumentException(record.getName() + " is not a record declared in " + fileOf(record));
        }
        int start = source.lastIndexOf("/**", declaration.start());
        int end = source.lastIndexOf("*/", declaration.start());
        if (start < 0 || end < start || !source.substring(end + 2, declaration.start()).matches("[^;{}]*")) {
            return new RecordJavadoc("", Map.of());     // the comment above belongs to something else
        }
        String comment = source.substring(start + 3, end).replaceAll("(?m)^\\s*\\* ?", "");
        String[] parts = BLOCK_TAG.split(comment);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            Matcher param = PARAM.matcher(parts[i].strip());
            if (param.matches()) {
                params.put(param.group(1), oneLine(param.group(2)));
            }
        }
        return new RecordJavadoc(firstSentence(oneLine(parts[0])), params);
    }

    /**
     * Javadoc text as one Markdown table cell: {@code {@code x}} as {@code `x`}, a link as its label, no HTML, a
     * capital first letter, and {@code |} escaped.
     */
    static String markdown(@Nullable String javadoc) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        int at = 0;
        Matcher tag = INLINE_TAG.matcher(javadoc);
        while (tag.find(at)) {
            text.append(plain(javadoc.substring(at, tag.start())));
            int end = closingBrace(javadoc, tag.start());
            String body = javadoc.substring(tag.end(), end);
            text.append(switch (tag.group(1)) {
                case "code" -> "`" + body + "`";
                case "link", "linkplain" -> linkLabel(body);
                default -> plain(body);
            });
            at = end + 1;
        }
        text.append(plain(javadoc.substring(at)));
        String cell = oneLine(text.toString()).replace("|", "\\|");
        return cell.isEmpty() ? cell : Character.toUpperCase(cell.charAt(0)) + cell.substring(1);
    }

    /** {@code X#m() label} is its label; {@code X#m()} alone is {@code `m()`}. */
    private static String linkLabel(String body) {
        String[] referenceAndLabel = body.split("\\s+", 2);
        if (referenceAndLabel.length == 2) {
            return plain(referenceAndLabel[1]);
        }
        String reference = referenceAndLabel[0];
        return "`" + reference.substring(Math.max(reference.lastIndexOf('#'), reference.lastIndexOf('.')) + 1) + "`";
    }

    private static String plain(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The brace that closes the inline tag opening at {@code start}; {@code {@code}} may hold balanced braces. */
    private static int closingBrace(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("An inline tag is not closed: " + text);
    }

    /** As javadoc ends it: at the first period followed by white space. */
    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String read(Class<?> record) {
        try {
            return Files.readString(fileOf(record), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fileOf(Class<?> type) {
        Class<?> outermost = type;
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        return SOURCES.resolve(outermost.getName().replace('.', '/') + ".java");
    }
}
