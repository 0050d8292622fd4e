package io.jwtgateway.gateway.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormParametersTests {

    @Test
    void decodeWhenPlusAndPercentEscapesThenSpaceAndUtf8Text() {
        Optional<FormParameters> form = FormParameters.decode(bytes("name=a+b%2Bc%3D%26%C3%BC&%73cope=x"));

        assertThat(form).hasValueSatisfying(f -> {
            assertThat(f.get("name")).hasValue("a b+c=&ü");
            assertThat(f.get("scope")).hasValue("x");
        });
    }

    @Test
    void decodeWhenValueHoldsEqualsSignThenSplitAtTheFirstOnly() {
        assertThat(FormParameters.decode(bytes("k=a=b")).orElseThrow().get("k")).hasValue("a=b");
    }

    @Test
    void decodeWhenEmptyPairsOrNoEqualsSignThenSkippedOrEmptyValue() {
        FormParameters form = FormParameters.decode(bytes("&&a=1&&flag&")).orElseThrow();

        assertThat(form.values()).containsOnlyKeys("a", "flag");
        assertThat(form.get("flag")).isEmpty();                 // RFC 6749 §3.1: no value is as if omitted
    }

    @Test
    void decodeWhenBodyEmptyThenNoParameters() {
        assertThat(FormParameters.decode(new byte[0]).orElseThrow().values()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%2", "a=%zz", "a=%g0", "%=1", "a=%C3%28", "a=%FF", "a=%C3"})
    void decodeWhenPercentEncodingOrUtf8MalformedThenEmpty(String body) {
        assertThat(FormParameters.decode(bytes(body))).isEmpty();
    }

    @Test
    void decodeWhenRawBytesAreNotUtf8ThenEmpty() {
        assertThat(FormParameters.decode("a=\u00FC".getBytes(ISO_8859_1))).isEmpty();
    }

    @Test
    void hasRepeatedNameWhenNameSentTwiceThenTrueEvenWithAnEmptyValue() {
        assertThat(FormParameters.decode(bytes("a=1&b=2")).orElseThrow().hasRepeatedName()).isFalse();
        assertThat(FormParameters.decode(bytes("a=1&a=")).orElseThrow().hasRepeatedName()).isTrue();
        assertThat(FormParameters.decode(bytes("a=1&%61=1")).orElseThrow().hasRepeatedName()).isTrue();
    }

    @Test
    void toStringWhenSecretHeldThenOnlyNamesShown() {
        FormParameters form = new FormParameters(Map.of("client_secret", List.of("s3cret")));

        assertThat(form.toString()).contains("client_secret").doesNotContain("s3cret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
