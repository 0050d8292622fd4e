package io.jwtgateway.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValuesTests {

    @Test
    void encodeWhenVisibleAsciiThenUnchanged() {
        StringBuilder visible = new StringBuilder();
        for (char c = 0x21; c < 0x7F; c++) {
            if (c != '%' && c != ',') {
                visible.append(c);
            }
        }

        String encoded = HeaderValues.encode(visible.toString());

        assertThat(encoded).isEqualTo(visible.toString());
    }

    @Test
    void encodeWhenTypicalSubjectThenUnchanged() {
        String encoded = HeaderValues.encode("alice@example.com");

        assertThat(encoded).isEqualTo("alice@example.com");
    }

    @Test
    void encodeWhenEmptyThenEmpty() {
        String encoded = HeaderValues.encode("");

        assertThat(encoded).isEmpty();
    }

    @Test
    void encodeWhenCarriageReturnAndLineFeedThenPercentEncoded() {
        String encoded = HeaderValues.encode("alice\r\nX-Auth-Roles:admin");

        assertThat(encoded).isEqualTo("alice%0D%0AX-Auth-Roles:admin");
    }

    @Test
    void encodeWhenControlCharactersThenPercentEncoded() {
        String encoded = HeaderValues.encode("a\u0000b\tc\u001Fd\u007F");

        assertThat(encoded).isEqualTo("a%00b%09c%1Fd%7F");
    }

    @Test
    void encodeWhenSpaceThenPercentEncoded() {
        String encoded = HeaderValues.encode("Alice Smith");

        assertThat(encoded).isEqualTo("Alice%20Smith");
    }

    @Test
    void encodeWhenPercentThenPercentEncoded() {
        String encoded = HeaderValues.encode("100%0A");

        assertThat(encoded).isEqualTo("100%250A");
    }

    @Test
    void encodeWhenCommaThenPercentEncoded() {
        String encoded = HeaderValues.encode("user,admin");

        assertThat(encoded).isEqualTo("user%2Cadmin");
    }

    @Test
    void encodeWhenTwoByteCharacterThenUtf8PercentEncoded() {
        String encoded = HeaderValues.encode("José");

        assertThat(encoded).isEqualTo("Jos%C3%A9");
    }

    @Test
    void encodeWhenThreeByteCharacterThenUtf8PercentEncoded() {
        String encoded = HeaderValues.encode("日");

        assertThat(encoded).isEqualTo("%E6%97%A5");
    }

    @Test
    void encodeWhenSupplementaryCharacterThenUtf8PercentEncoded() {
        String encoded = HeaderValues.encode("\uD83D\uDE00");              // U+1F600

        assertThat(encoded).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void encodeWhenNextLineCharacterThenUtf8PercentEncoded() {
        String encoded = HeaderValues.encode("a\u0085b");                  // NEL, a line break to some parsers

        assertThat(encoded).isEqualTo("a%C2%85b");
    }

    @Test
    void encodeWhenEncodedThenOnlyVisibleAsciiRemains() {
        String encoded = HeaderValues.encode("r\u00f4le, \r\n\u2028x%");

        assertThat(encoded.chars()).allMatch(c -> c > 0x20 && c < 0x7F && c != ',');
    }
}
