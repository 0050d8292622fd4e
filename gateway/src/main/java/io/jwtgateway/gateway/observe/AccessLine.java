package io.jwtgateway.gateway.observe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One access log line: what the request's thread captured as the response completed, values it already held and
 * nothing formatted, then written as {@code key=value} text or as a JSON object by the thread that writes the log
 * ({@link LineWriter}), off the event loop. Every value is escaped so that the line stays one line whatever a client
 * or a token put in it: a subject with a newline or a quote, a method of odd bytes.
 *
 * @param arrivedMillis when the request arrived, in milliseconds since the epoch
 * @param requestId the {@code X-Request-Id}
 * @param traceId   the trace's id while tracing is on; else absent, and the field left out
 * @param client    the client's address, as the server sees it; its IP address is written
 * @param method    the HTTP method
 * @param path      the path, without the query string: its values may be secrets
 * @param route     the route id or gateway endpoint, when one handled the request
 * @param status    the response status; 499 when the client went away before it was written in full
 * @param micros    the time to complete the response, in microseconds
 * @param outcome   the authentication outcome, when a decision was made
 * @param subject   the verified subject, when there is one
 */
record AccessLine(long arrivedMillis, @Nullable String requestId, @Nullable String traceId,
        @Nullable InetSocketAddress client, String method, String path, @Nullable String route, int status,
        long micros, @Nullable String outcome, @Nullable String subject) {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The last second a line was written in, formatted: lines come many a second, and formatting is most of one. */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    /**
     * {@code time=… request_id=… [trace_id=…] client=… method=… path=… route=… status=… latency_ms=… outcome=…
     * subject=…}
     */
    String text() {
        StringBuilder line = new StringBuilder(160);
        appendText(line);
        return line.toString();
    }

    /** Appends {@link #text()}: the writer formats a batch of lines into one buffer. */
    void appendText(StringBuilder line) {
        line.append("time=");
        appendTime(line, arrivedMillis);
        textField(line, "request_id", requestId);
        if (traceId != null) {
            textField(line, "trace_id", traceId);
        }
        textField(line, "client", address(client));
        textField(line, "method", method);
        textField(line, "path", path);
        textField(line, "route", route);
        line.append(" status=").append(status);
        line.append(" latency_ms=");
        appendMillis(line, micros);
        textField(line, "outcome", outcome);
        textField(line, "subject", subject);
    }

    /** The same fields as one JSON object; absent values are {@code null}, but for the trace id, left out. */
    String json() {
        StringBuilder line = new StringBuilder(200);
        appendJson(line);
        return line.toString();
    }

    /** Appends {@link #json()}. */
    void appendJson(StringBuilder line) {
        line.append("{\"time\":\"");
        appendTime(line, arrivedMillis);
        line.append('"');
        jsonField(line, "request_id", requestId);
        if (traceId != null) {
            jsonField(line, "trace_id", traceId);
        }
        jsonField(line, "client", address(client));
        jsonField(line, "method", method);
        jsonField(line, "path", path);
        jsonField(line, "route", route);
        line.append(",\"status\":").append(status);
        line.append(",\"latency_ms\":");
        appendMillis(line, micros);
        jsonField(line, "outcome", outcome);
        jsonField(line, "subject", subject);
        line.append('}');
    }

    /** The IP address, as {@link InetAddress#getHostAddress()} writes it; unresolved, the host as given. */
    private static @Nullable String address(@Nullable InetSocketAddress client) {
        if (client == null) {
            return null;
        }
        InetAddress address = client.getAddress();
        return address != null ? address.getHostAddress() : client.getHostString();
    }

    /** A value of printable ASCII other than {@code "} and {@code \} as is; else quoted, with escapes; absent is -. */
    static void textField(StringBuilder line, String name, @Nullable String value) {
        line.append(' ').append(name).append('=');
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        if (isBare(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        escape(line, value);
        line.append('"');
    }

    private static void jsonField(StringBuilder line, String name, @Nullable String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        escape(line, value);
        line.append('"');
    }

    private static boolean isBare(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** JSON string escapes (RFC 8259 §7), and {@code \}u for anything else outside printable ASCII; valid in both. */
    private static void escape(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        line.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }

    /** What {@link Instant#toString()} writes of the millisecond, its second's part formatted once per second. */
    static void appendTime(StringBuilder line, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second second = lastSecond;
        if (second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();               // 2026-12-02T19:41:04Z
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            lastSecond = second;
        }
        line.append(second.text());
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (millis != 0) {
            line.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
        line.append('Z');
    }

    /** Microseconds as milliseconds with three decimals, without formatting a double. */
    private static void appendMillis(StringBuilder line, long micros) {
        long fraction = micros % 1000;
        line.append(micros / 1000).append('.');
        if (fraction < 100) {
            line.append('0');
        }
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }
}
