package io.jwtgateway.gateway.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.config.RevocationProperties.Store;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ProofTargetTests {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080/api/v3/secret?page=2, http://localhost:8080/api/v3/secret",
            "HTTP://LocalHost:8080/api/v3/secret, http://localhost:8080/api/v3/secret",
            "https://api.example.com:443/a, https://api.example.com/a",
            "http://api.example.com:80, http://api.example.com/",
            "https://api.example.com/a#part, https://api.example.com/a"})
    void normalizedWhenEquivalentSpellingThenOneForm(String htu, String expected) {
        assertThat(ProofTarget.normalized(htu)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v3/secret", "ftp://api.example.com/a", "https://user@api.example.com/a",
            "https://api example.com/a", "not a url"})
    void normalizedWhenNotAnHttpUrlThenNull(String htu) {
        assertThat(ProofTarget.normalized(htu)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            ", http://localhost:8080/api/v3/secret",
            "https://api.example.com, https://api.example.com/api/v3/secret",
            "https://API.example.com:443/, https://api.example.com/api/v3/secret",
            "https://example.com/gateway, https://example.com/gateway/api/v3/secret"})
    void ofWhenPublicBaseUrlSetThenItReplacesTheRequestsOwn(@Nullable String base, String expected) {
        ProofTarget target = new ProofTarget(new DpopProperties(false, List.of("ES256"), Duration.ofSeconds(60),
                base == null ? null : URI.create(base),
                new DpopProperties.Replay(Store.MEMORY, 1000, Duration.ofSeconds(1)),
                new DpopProperties.Nonce(false, null, Duration.ofMinutes(5))));

        assertThat(target.of(MockServerHttpRequest.get("http://localhost:8080/api/v3/secret?page=2").build()))
                .isEqualTo(expected);
    }
}
