package io.jwtgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTests {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8,        10.255.3.4,      true",
            "10.0.0.0/8,        11.0.0.1,        false",
            "192.0.2.7,         192.0.2.7,       true",
            "192.0.2.7,         192.0.2.8,       false",
            "192.0.2.7/32,      192.0.2.7,       true",
            "172.16.0.0/12,     172.31.255.255,  true",
            "172.16.0.0/12,     172.32.0.0,      false",
            "0.0.0.0/0,         203.0.113.9,     true",
            "10.1.2.3/8,        10.9.9.9,        true",
            "2001:db8::/32,     2001:db8:ff::1,  true",
            "2001:db8::/32,     2001:db9::1,     false",
            "::1,               ::1,             true",
            "[2001:db8::1],     2001:db8::1,     true",
            "::ffff:192.0.2.7,  192.0.2.7,       true",
            "10.0.0.0/8,        ::ffff:10.0.0.1, true",
            "10.0.0.0/8,        ::1,             false",
            "::/0,              10.0.0.1,        false"})
    void containsWhenAddressInsideOrOutsideThenAnswers(String range, String address, boolean inside) {
        AddressRange parsed = AddressRange.parse(range).orElseThrow();

        assertThat(parsed.contains(AddressRange.literal(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "proxy.internal", "10.0.0/8", "10.0.0.0/", "10.0.0.0/33", "::/129",
            "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/0008", "256.0.0.1", "10.0.0.1:8080", " 10.0.0.1", "fe80::1%eth0"})
    void parseWhenNotAnAddressLiteralOrCidrThenEmpty(String text) {
        assertThat(AddressRange.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "1.2.3"})
    void literalWhenHostNameThenNullWithoutAskingDns(String text) {
        InetAddress address = AddressRange.literal(text);

        assertThat(address).isNull();
    }
}
