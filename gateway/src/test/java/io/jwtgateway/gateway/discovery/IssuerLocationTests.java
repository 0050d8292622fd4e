package io.jwtgateway.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class IssuerLocationTests {

    static final URI REQUEST = URI.create("http://10.0.0.7:8080/.well-known/oauth-authorization-server?x=1");

    @Test
    void baseWhenIssuerIsNotUrlThenRequestOrigin() {
        IssuerLocation location = IssuerLocation.of("jwt-gateway");

        assertThat(location.base(REQUEST)).isEqualTo("http://10.0.0.7:8080");
        assertThat(location.metadataPaths()).containsExactly("/.well-known/oauth-authorization-server");
    }

    @Test
    void baseWhenRequestOnDefaultPortThenOriginWithoutPort() {
        IssuerLocation location = IssuerLocation.of("jwt-gateway");

        assertThat(location.base(URI.create("https://gw.example/.well-known/oauth-authorization-server")))
                .isEqualTo("https://gw.example");
    }

    @Test
    void baseWhenIssuerIsUrlThenIssuerWhateverTheRequest() {
        IssuerLocation location = IssuerLocation.of("https://gw.example");

        assertThat(location.base(REQUEST)).isEqualTo("https://gw.example");
        assertThat(location.metadataPaths()).containsExactly("/.well-known/oauth-authorization-server");
    }

    @Test
    void baseWhenIssuerEndsInSlashThenOneSlashTrimmed() {
        IssuerLocation location = IssuerLocation.of("https://gw.example/");

        assertThat(location.base(REQUEST)).isEqualTo("https://gw.example");
        // Spring Security asks for the configured path appended as is, trailing slash included.
        assertThat(location.metadataPaths()).containsExactlyInAnyOrder(
                "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server/");
    }

    @Test
    void metadataPathsWhenIssuerHasPathThenWellKnownInsertedBeforeIt() {
        IssuerLocation location = IssuerLocation.of("https://gw.example/tenant/gw/");

        assertThat(location.base(REQUEST)).isEqualTo("https://gw.example/tenant/gw");
        assertThat(location.metadataPaths().contains("/.well-known/oauth-authorization-server/tenant/gw")).isTrue();
        assertThat(location.metadataPaths().contains("/.well-known/oauth-authorization-server/tenant/gw/")).isTrue();
        assertThat(location.metadataPaths().contains("/.well-known/oauth-authorization-server")).isTrue();
        assertThat(location.metadataPaths().contains("/.well-known/oauth-authorization-server/tenant")).isFalse();
    }

    @Test
    void baseWhenIssuerUrlHasQueryThenRequestOrigin() {
        IssuerLocation location = IssuerLocation.of("https://gw.example/?tenant=1");

        assertThat(location.base(REQUEST)).isEqualTo("http://10.0.0.7:8080");
    }

    @Test
    void baseWhenIssuerIsUrnThenRequestOrigin() {
        IssuerLocation location = IssuerLocation.of("urn:example:gateway");

        assertThat(location.base(REQUEST)).isEqualTo("http://10.0.0.7:8080");
    }
}
