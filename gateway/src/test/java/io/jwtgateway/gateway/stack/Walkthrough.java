package io.jwtgateway.gateway.stack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Try it" section as a test reads it: the commands of its bash block, each with the comment that says
 * what it prints, and its JavaScript block. A comment is checked for what it states plainly: a leading status code, a
 * header line ({@code X-Backend-Service: inventory}), JSON members written out in full ({@code "subject":"demo"}; one
 * with {@code …} in its value is left out), and, after a status, the body text it quotes ({@code 200 hello world}).
 * The JavaScript block is optional: empty when the section has none.
 */
record Walkthrough(List<Step> steps, String javascript) {

    static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b\\s*(.*)$");
    static final Pattern HEADER = Pattern.compile("^([A-Za-z][A-Za-z-]*): (.+)$");
    static final Pattern JSON_MEMBER = Pattern.compile("\"[\\w-]+\":(\"[^\"]*\"|-?\\d+|true|false)");

    /** One command and what it should print. */
    record Step(String command, String comment) {

        boolean isAssignment() {
            return command.matches("[A-Z_]+=.*");
        }

        String variable() {
            return command.substring(0, command.indexOf('='));
        }

        boolean streams() {
            return command.contains("curl -N");
        }

        /** The status the comment names first, if any. */
        Integer status() {
            Matcher matcher = STATUS.matcher(comment);
            return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
        }

        /** A header line the comment names, after its status or alone: {@code name: value}. */
        String header() {
            Matcher matcher = HEADER.matcher(rest());
            return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) + ": " + matcher.group(2) : null;
        }

        /** The body text a status is followed by when it is neither a header nor JSON: {@code 200 hello world}. */
        String bodyText() {
            String rest = rest();
            return status() == null || rest.isEmpty() || header() != null || rest.startsWith("{") ? null : rest;
        }

        List<String> jsonMembers() {
            List<String> members = new ArrayList<>();
            Matcher matcher = JSON_MEMBER.matcher(comment);
            while (matcher.find()) {
                if (!matcher.group().contains("…")) {
                    members.add(matcher.group());
                }
            }
            return members;
        }

        private String rest() {
            Matcher matcher = STATUS.matcher(comment);
            return matcher.matches() ? matcher.group(2) : comment;
        }
    }

    static Walkthrough read(Path readme, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError(readme + " has no heading '" + heading + "'");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        List<String> section = lines.subList(start + 1, end);
        List<String> javascript = section.contains("```javascript") ? block(section, "```javascript") : List.of();
        return new Walkthrough(steps(block(section, "```bash")), String.join("\n", javascript));
    }

    private static List<String> block(List<String> section, String fence) {
        int open = section.indexOf(fence);
        if (open < 0) {
            throw new AssertionError("no " + fence + " block in the section");
        }
        int close = section.subList(open + 1, section.size()).indexOf("```") + open + 1;
        return section.subList(open + 1, close);
    }

    /** Commands, continuation lines joined, each with the comment lines right after it. */
    private static List<Step> steps(List<String> lines) {
        List<Step> steps = new ArrayList<>();
        String command = null;
        StringBuilder comment = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#") || line.isEmpty()) {
                if (command != null && line.startsWith("#")) {
                    comment.append(comment.isEmpty() ? "" : " ").append(line.substring(1).strip());
                } else if (command != null) {
                    steps.add(new Step(command, comment.toString()));
                    command = null;
                    comment.setLength(0);
                }
                continue;
            }
            if (command != null) {
                steps.add(new Step(command, comment.toString()));
                comment.setLength(0);
            }
            StringBuilder joined = new StringBuilder(line);
            while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines.get(++i).strip());
            }
            command = joined.toString();
        }
        if (command != null) {
            steps.add(new Step(command, comment.toString()));
        }
        return steps;
    }
}
