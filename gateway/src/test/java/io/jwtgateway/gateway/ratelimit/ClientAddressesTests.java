package io.jwtgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.AuthEndpoints;
import io.jwtgateway.gateway.http.AddressRange;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTests {

    static final String XFF = "X-Forwarded-For";

    final Callers trustingProxies = callers("10.0.0.0/8", "2001:db8:aaaa::/48");
    final Callers trustingNobody = callers();

    @Test
    void keyWhenNoForwardedForThenConnectionAddress() {
        assertThat(trustingProxies.byAddress(from("203.0.113.9").build())).isEqualTo("ip:203.0.113.9");
    }

    @Test
    void keyWhenUntrustedPeerSendsForwardedForThenIgnored() {
        MockServerHttpRequest spoofed = from("203.0.113.9").header(XFF, "198.51.100.1").build();

        assertThat(trustingProxies.byAddress(spoofed)).isEqualTo("ip:203.0.113.9");
    }

    @Test
    void keyWhenNoProxyTrustedThenForwardedForIgnoredEvenFromPrivateAddress() {
        MockServerHttpRequest request = from("10.0.0.5").header(XFF, "198.51.100.1").build();

        assertThat(trustingNobody.byAddress(request)).isEqualTo("ip:10.0.0.5");
    }

    @Test
    void keyWhenTrustedProxyThenRightmostEntry() {
        MockServerHttpRequest request = from("10.0.0.5").header(XFF, "198.51.100.1").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void keyWhenClientPrependsSpoofedEntriesThenRightmostUntrustedWins() {
        MockServerHttpRequest request = from("10.0.0.5")
                .header(XFF, "1.1.1.1, 2.2.2.2, 198.51.100.1").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void keyWhenSeveralTrustedProxiesChainedThenTheirEntriesSkipped() {
        MockServerHttpRequest request = from("10.0.0.5")
                .header(XFF, "1.1.1.1, 198.51.100.1, 10.9.9.9, 10.8.8.8").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void keyWhenForwardedForInSeveralHeaderLinesThenReadAsOneListFromTheRight() {
        MockServerHttpRequest request = from("10.0.0.5")
                .header(XFF, "1.1.1.1, 198.51.100.1")
                .header(XFF, "10.9.9.9").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void keyWhenEveryEntryTrustedThenLeftmost() {
        MockServerHttpRequest request = from("10.0.0.5").header(XFF, "10.1.1.1, 10.2.2.2").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:10.1.1.1");
    }

    @Test
    void keyWhenEntryNotAnAddressThenLastTrustedHopBeforeIt() {
        MockServerHttpRequest request = from("10.0.0.5").header(XFF, "198.51.100.1, unknown, 10.2.2.2").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:10.2.2.2");
    }

    @Test
    void keyWhenRightmostEntryHostNameThenPeerNotTheName() {
        MockServerHttpRequest request = from("10.0.0.5").header(XFF, "evil.example").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:10.0.0.5");
    }

    @Test
    void keyWhenEntriesCarryPortsThenPortsDropped() {
        MockServerHttpRequest v4 = from("10.0.0.5").header(XFF, "198.51.100.1:4711").build();
        MockServerHttpRequest v6 = from("10.0.0.5").header(XFF, "[2001:db8:1:2::7]:4711").build();

        assertThat(trustingProxies.byAddress(v4)).isEqualTo("ip:198.51.100.1");
        assertThat(trustingProxies.byAddress(v6)).isEqualTo("ip:2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void keyWhenIpv6ClientsShareTheir64ThenOneBucket() {
        String one = trustingNobody.byAddress(from("2001:db8:1:2::1").build());
        String other = trustingNobody.byAddress(from("2001:db8:1:2:ffff:ffff:ffff:ffff").build());
        String neighbour = trustingNobody.byAddress(from("2001:db8:1:3::1").build());

        assertThat(one).isEqualTo(other).isEqualTo("ip:2001:db8:1:2:0:0:0:0/64");
        assertThat(neighbour).isNotEqualTo(one);
    }

    @Test
    void keyWhenIpv6TrustedProxyThenForwardedForBelieved() {
        MockServerHttpRequest request = from("2001:db8:aaaa::1").header(XFF, "198.51.100.1").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void keyWhenConnectionAddressUnknownThenOneSharedUnknownKey() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/").header(XFF, "198.51.100.1").build();

        assertThat(trustingProxies.byAddress(request)).isEqualTo("ip:unknown");
    }

    @Test
    void subjectKeyWhenIssuerAndSubjectSplitDifferentlyThenDifferentKeys() {
        String one = Callers.bySubject(token("https://idp", "x:alice"));
        String other = Callers.bySubject(token("https://idp:x", "alice"));

        assertThat(one).isNotEqualTo(other);
    }

    private static VerifiedToken token(String issuer, String subject) {
        return new VerifiedToken(issuer, subject, List.of(), List.of(), null, null, Instant.now().plusSeconds(60),
                null, null, null, null, null);
    }

    private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
        return MockServerHttpRequest.get("/api/v3/home")
                .remoteAddress(new InetSocketAddress(AddressRange.literal(address), 40_000));
    }

    private static Callers callers(String... trustedProxies) {
        RateLimitProperties properties = new RateLimitProperties(RateLimitProperties.Store.MEMORY,
                new AuthEndpoints(true, 5, 10), null, Map.of(), List.of(trustedProxies), Duration.ofMillis(200));
        return new Callers(new ClientAddresses(properties));
    }
}
