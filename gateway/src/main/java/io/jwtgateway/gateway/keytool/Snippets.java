package io.jwtgateway.gateway.keytool;

/**
 * Configuration text to paste: {@code .properties} lines and YAML scalars, escaped so that any value reads back as
 * written.
 */
final class Snippets {

    private Snippets() {
    }

    /** One {@code name=value} line; non-ASCII as {@code \\uXXXX}, since a properties file may be read as Latin-1. */
    static String property(String name, String value) {
        StringBuilder line = new StringBuilder(name).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                line.append("\\\\");
            } else if (c == ' ' && i == 0) {
                line.append("\\ ");                     // a leading blank would be dropped as separator
            } else if (c < 0x20 || c > 0x7E) {
                line.append("\\u%04x".formatted((int) c));
            } else {
                line.append(c);
            }
        }
        return line.append('\n').toString();
    }

    /** A YAML double-quoted scalar (YAML 1.2 §7.3.1), whatever the value holds. */
    static String yamlString(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                quoted.append("\\u%04x".formatted((int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
