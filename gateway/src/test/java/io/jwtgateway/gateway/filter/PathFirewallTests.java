package io.jwtgateway.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathFirewallTests {

    @Test
    void isPlainWhenOrdinaryPathThenTrue() {
        boolean plain = PathFirewall.isPlain("/api/v3/home");

        assertThat(plain).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v3/public/page-1", "/api/v3/admin/users/42", "/api/v3/home/",
            "/api/v3/public/file.txt", "/api/v3/public/...", "/api/v3/public/.well-known", "/api/v3/public/a%20b"})
    void isPlainWhenPathHasNoAmbiguityThenTrue(String path) {
        boolean plain = PathFirewall.isPlain(path);

        assertThat(plain).isTrue();
    }

    @Test
    void isPlainWhenDotDotSegmentThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/../secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenDotSegmentThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/./x");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenTrailingDotDotThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/..");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenTrailingDotThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/.");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedDotDotThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/%2e%2e/secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenUppercaseEncodedDotThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/%2E./secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedSlashThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/..%2fsecret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenUppercaseEncodedSlashThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public%2Fsecret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedBackslashThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/..%5csecret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenBackslashThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/..\\secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenSemicolonThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/..;/secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedSemicolonThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/home%3Bjsessionid=1");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenDoubleSlashThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3//secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenLeadingDoubleSlashThenFalse() {
        boolean plain = PathFirewall.isPlain("//api/v3/secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedPercentThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/public/%252e%252e/secret");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEncodedNulThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/home%00.html");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenRawControlCharacterThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/home\u0000");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenRawSpaceThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/home page");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenNonAsciiThenFalse() {
        boolean plain = PathFirewall.isPlain("/api/v3/caf\u00e9");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenNotStartingWithSlashThenFalse() {
        boolean plain = PathFirewall.isPlain("api/v3/home");

        assertThat(plain).isFalse();
    }

    @Test
    void isPlainWhenEmptyThenFalse() {
        boolean plain = PathFirewall.isPlain("");

        assertThat(plain).isFalse();
    }
}
