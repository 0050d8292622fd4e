package io.jwtgateway.gateway.http;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The proxies in front of the gateway ({@code gateway.rate-limit.trusted-proxies}): addresses whose word about the
 * client is believed, their {@code X-Forwarded-For} and their trace's sampling decision. Empty: no one's.
 */
public final class TrustedProxies {

    private final List<AddressRange> ranges;

    private TrustedProxies(List<AddressRange> ranges) {
        this.ranges = ranges;
    }

    /** The ranges given, each an address or CIDR block already checked by the properties that hold them. */
    public static TrustedProxies of(List<String> ranges) {
        return new TrustedProxies(ranges.stream().map(range -> AddressRange.parse(range).orElseThrow()).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(@Nullable InetAddress address) {
        if (address == null) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(address)) {
                return true;
            }
        }
        return false;
    }
}
