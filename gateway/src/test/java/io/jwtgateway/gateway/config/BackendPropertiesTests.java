package io.jwtgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackendPropertiesTests {

    @Test
    void constructWhenHttpHostAndPortThenAccepted() {
        BackendProperties properties = new BackendProperties(List.of(URI.create("http://localhost:8081")));

        assertThat(properties.uris()).containsExactly(URI.create("http://localhost:8081"));
    }

    @Test
    void constructWhenHttpsWithRootPathThenAccepted() {
        BackendProperties properties = new BackendProperties(List.of(URI.create("https://backend.internal/")));

        assertThat(properties.uris()).hasSize(1);
    }

    @Test
    void constructWhenNotHttpThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("ftp://localhost:8081"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenSchemeMissingThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("//localhost:8081"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenHostAndPortWithoutSchemeThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("localhost:8081"));        // parses as scheme "localhost"

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenUriHasPathThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081/api"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenUriHasQueryThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081?x=1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris");
    }

    @Test
    void constructWhenOneOfSeveralUrisInvalidThenRejectedNamingProperty() {
        List<URI> uris = List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:8082/v1"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackendProperties(uris))
                .withMessageContaining("gateway.backend.uris[1]")
                .withMessageNotContaining("gateway.backend.uris[0]");
    }

    @Test
    void constructWhenListChangesAfterwardsThenPropertiesUnchanged() {
        List<URI> uris = new ArrayList<>(List.of(URI.create("http://localhost:8081")));
        BackendProperties properties = new BackendProperties(uris);

        uris.clear();

        assertThat(properties.uris()).hasSize(1);
    }
}
