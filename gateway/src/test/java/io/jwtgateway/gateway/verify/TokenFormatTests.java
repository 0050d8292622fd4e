package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

class TokenFormatTests {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    TestTokens tokens = new TestTokens(NOW);

    @Test
    void isCanonicalWhenTokenSignedNormallyThenTrue() {
        String token = tokens.valid().sign();

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenSegmentsAreShortButWellFormedThenTrue() {
        String token = "AA.AAA.AAAA";

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenTwoSegmentsThenFalse() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9";

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenFourSegmentsThenFalse() {
        String token = tokens.valid().sign() + ".AAAA";

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenEmptyThenFalse() {
        boolean canonical = TokenFormat.isCanonical("");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenOnlyDotsThenFalse() {
        boolean canonical = TokenFormat.isCanonical("..");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenFirstSegmentEmptyThenFalse() {
        boolean canonical = TokenFormat.isCanonical(".AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenMiddleSegmentEmptyThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AAAA..AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSignatureSegmentEmptyThenFalse() {
        String unsecured = tokens.valid().algorithm("none").sign();     // "header.payload."

        boolean canonical = TokenFormat.isCanonical(unsecured);

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSegmentLengthIsOneMod4ThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AAAAA.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSegmentPaddedThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AA==.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSignatureHasOnePadCharacterThenFalse() {
        String padded = tokens.valid().sign() + "=";                       // 43 chars of HS256 become 44

        boolean canonical = TokenFormat.isCanonical(padded);

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSegmentHoldsPlusThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AA+A.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSegmentHoldsSlashThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AAAA.AA/A.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSegmentHoldsUrlSafeCharactersThenTrue() {
        boolean canonical = TokenFormat.isCanonical("AA-A.AA_A.AAAA");

        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenTwoMod4SegmentHasTrailingBitsThenFalse() {
        // "AQ" encodes one byte (Q = 010000: low 4 bits zero); "AR" (010001) sets a padding bit
        boolean canonical = TokenFormat.isCanonical("AR.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenTwoMod4SegmentHasZeroTrailingBitsThenTrue() {
        boolean canonical = TokenFormat.isCanonical("AQ.AAAA.AAAA");

        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenThreeMod4SegmentHasTrailingBitsThenFalse() {
        // "AAE" encodes two bytes (E = 000100: low 2 bits zero); "AAF" (000101) sets a padding bit
        boolean canonical = TokenFormat.isCanonical("AAAA.AAF.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenThreeMod4SegmentHasZeroTrailingBitsThenTrue() {
        boolean canonical = TokenFormat.isCanonical("AAAA.AAE.AAAA");

        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenSignatureLastCharacterSetsTrailingBitsThenFalse() {
        String token = tokens.valid().sign();
        String sameBytesOtherSpelling = token.substring(0, token.length() - 1)
                + withLowBitSet(token.charAt(token.length() - 1));

        boolean canonical = TokenFormat.isCanonical(sameBytesOtherSpelling);

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenLeadingSpaceThenFalse() {
        boolean canonical = TokenFormat.isCanonical(" " + tokens.valid().sign());

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenTrailingNewlineThenFalse() {
        boolean canonical = TokenFormat.isCanonical(tokens.valid().sign() + "\n");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenSpaceInsideSegmentThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AA A.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenNonAsciiLetterThenFalse() {
        boolean canonical = TokenFormat.isCanonical("AAÄA.AAAA.AAAA");

        assertThat(canonical).isFalse();
    }

    @Test
    void isCanonicalWhenExactlyMaxLengthThenTrue() {
        String token = "AAAA.AAAA." + "A".repeat(TokenFormat.MAX_LENGTH - 10);

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(token).hasSize(TokenFormat.MAX_LENGTH);
        assertThat(canonical).isTrue();
    }

    @Test
    void isCanonicalWhenLongerThanMaxLengthThenFalse() {
        String token = "AAAA.AAAA." + "A".repeat(TokenFormat.MAX_LENGTH - 10 + 4);

        boolean canonical = TokenFormat.isCanonical(token);

        assertThat(canonical).isFalse();
    }

    /** The base64url character one sextet higher: same high bits, the lowest (padding) bit set. */
    private static char withLowBitSet(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) | 1);
    }
}
