package io.jwtgateway.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessLineTests {

    static final long TIME = Instant.parse("2030-01-01T12:00:00.123Z").toEpochMilli();

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void textWhenValuesPlainThenBareKeyValuePairsInFixedOrder() {
        AccessLine line = new AccessLine(TIME, "req-1", null, client("10.0.0.7"), "GET", "/api/v3/secret",
                "authenticated", 200, 12_345, "allowed", "alice");

        assertThat(line.text()).isEqualTo("time=2030-01-01T12:00:00.123Z request_id=req-1 client=10.0.0.7 method=GET"
                + " path=/api/v3/secret route=authenticated status=200 latency_ms=12.345 outcome=allowed subject=alice");
    }

    @Test
    void textAndJsonWhenTracedThenTraceIdAfterTheRequestId() {
        AccessLine line = new AccessLine(TIME, "req-1", "4bf92f3577b34da6a3ce929d0e0e4736", client("10.0.0.7"),
                "GET", "/", "public", 200, 1, "public", null);

        assertThat(line.text())
                .contains(" request_id=req-1 trace_id=4bf92f3577b34da6a3ce929d0e0e4736 client=10.0.0.7 ");
        assertThat(line.json()).contains(
                "\"request_id\":\"req-1\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"client\"");
    }

    @Test
    void textAndJsonWhenNotTracedThenNoTraceIdField() {
        AccessLine line = new AccessLine(TIME, "req-1", null, client("10.0.0.7"), "GET", "/", "public", 200, 1, null,
                null);

        assertThat(line.text()).doesNotContain("trace_id");
        assertThat(line.json()).doesNotContain("trace_id");
    }

    @Test
    void textWhenValuesAbsentThenDash() {
        AccessLine line = new AccessLine(TIME, null, null, null, "GET", "/x", null, 404, 5, null, null);

        assertThat(line.text()).isEqualTo("time=2030-01-01T12:00:00.123Z request_id=- client=- method=GET path=/x"
                + " route=- status=404 latency_ms=0.005 outcome=- subject=-");
    }

    @Test
    void textWhenSubjectHoldsSpacesQuotesControlsAndNonAsciiThenQuotedEscapedAndOneLine() {
        AccessLine line = new AccessLine(TIME, "r", null, null, "GET", "/", null, 200, 0, null,
                "eve \"x\"=1\r\nINFO\tforged\u0000 \u00e9\u2028");

        String text = line.text();

        assertThat(text).endsWith(" subject=\"eve \\\"x\\\"=1\\r\\nINFO\\tforged\\u0000 \\u00e9\\u2028\"");
        assertThat(text).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
    }

    @Test
    void jsonWhenValuesHoldQuotesAndControlsThenParsesBackToTheSameValues() {
        String subject = "eve \"x\"\\ \r\n\t\u0001 \u00e9";
        AccessLine line = new AccessLine(TIME, "r-1", null, client("::1"), "PATCH", "/api/v3/a b", "admin", 403,
                1_000_001, "forbidden", subject);

        JsonNode parsed = json.readTree(line.json());

        assertThat(line.json()).doesNotContain("\n");
        assertThat(parsed.get("time").asString()).isEqualTo("2030-01-01T12:00:00.123Z");
        assertThat(parsed.get("request_id").asString()).isEqualTo("r-1");
        assertThat(parsed.get("client").asString()).isEqualTo("::1");
        assertThat(parsed.get("method").asString()).isEqualTo("PATCH");
        assertThat(parsed.get("path").asString()).isEqualTo("/api/v3/a b");
        assertThat(parsed.get("route").asString()).isEqualTo("admin");
        assertThat(parsed.get("status").asInt()).isEqualTo(403);
        assertThat(parsed.get("latency_ms").asDouble()).isEqualTo(1000.001);
        assertThat(parsed.get("outcome").asString()).isEqualTo("forbidden");
        assertThat(parsed.get("subject").asString()).isEqualTo(subject);
    }

    @Test
    void jsonWhenValuesAbsentThenNull() {
        AccessLine line = new AccessLine(TIME, null, null, null, "GET", "/", null, 200, 0, null, null);

        JsonNode parsed = json.readTree(line.json());

        assertThat(parsed.get("request_id").isNull()).isTrue();
        assertThat(parsed.get("route").isNull()).isTrue();
        assertThat(parsed.get("subject").isNull()).isTrue();
    }

    @Test
    void textAndJsonWhenClientResolvedThenItsIpAddress() throws Exception {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByAddress("gateway.test",
                new byte[] {(byte) 192, 0, 2, 1}), 50_000);
        AccessLine line = new AccessLine(TIME, "r", null, client, "GET", "/", null, 200, 0, null, null);

        assertThat(line.text()).contains(" client=192.0.2.1 ");
        assertThat(line.json()).contains(",\"client\":\"192.0.2.1\",");
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999L, 1_000L, 1_764_704_464_104L, 1_764_704_464_000L, 1_764_704_464_010L,
            1_764_704_465_100L, 253_402_300_799_999L, 253_402_300_800_000L, -1L, -62_135_596_800_001L})
    void timeWhenWrittenThenWhatInstantToStringWrites(long epochMillis) {
        StringBuilder first = new StringBuilder();
        StringBuilder again = new StringBuilder();

        AccessLine.appendTime(first, epochMillis);
        AccessLine.appendTime(again, epochMillis);      // the second's text from the cache

        assertThat(first).hasToString(Instant.ofEpochMilli(epochMillis).toString());
        assertThat(again).hasToString(Instant.ofEpochMilli(epochMillis).toString());
    }

    @Test
    void appendWhenLinesFollowInOneBufferThenEachAsAlone() {
        AccessLine first = new AccessLine(TIME, "r-1", null, client("10.0.0.7"), "GET", "/a", "public", 200, 1,
                "public", null);
        AccessLine second = new AccessLine(TIME + 1_000, "r-2", "4bf92f3577b34da6a3ce929d0e0e4736", null, "POST",
                "/b", null, 404, 2, null, "bob");
        StringBuilder text = new StringBuilder();
        StringBuilder json = new StringBuilder();

        first.appendText(text);
        second.appendText(text);
        first.appendJson(json);
        second.appendJson(json);

        assertThat(text).hasToString(first.text() + second.text());
        assertThat(json).hasToString(first.json() + second.json());
    }

    /** An address as a client's is written: unresolved, so its text is what the test gave. */
    private static InetSocketAddress client(String ip) {
        return InetSocketAddress.createUnresolved(ip, 0);
    }
}
