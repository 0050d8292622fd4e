package io.jwtgateway.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFormatTests {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "req-1", "A.b_c:d-e", "0f8fad5b-d9cb-469f-a165-70867728950e",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    void isWellFormedWhenSafeCharactersThenTrue(String id) {
        assertThat(RequestId.isWellFormed(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a\tb", "a\rb", "a\nb", "a\"b", "a,b", "a;b", "a=b", "a/b", "a%0d",
            "caf\u00e9", "a\u0000", "<x>"})
    void isWellFormedWhenAnyOtherCharacterThenFalse(String id) {
        assertThat(RequestId.isWellFormed(id)).isFalse();
    }

    @Test
    void isWellFormedWhen128CharactersThenTrueAnd129ThenFalse() {
        assertThat(RequestId.isWellFormed("a".repeat(128))).isTrue();
        assertThat(RequestId.isWellFormed("a".repeat(129))).isFalse();
    }

    @Test
    void generateWhenCalledThenWellFormedVersion4UuidsThatDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestId.generate();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(RequestId.isWellFormed(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
