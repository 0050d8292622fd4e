package io.jwtgateway.gateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}). Parsing accepts
 * literals only and never asks DNS, so a host name is refused instead of resolved. An IPv4-mapped IPv6 address
 * ({@code ::ffff:192.0.2.7}) is the IPv4 address it maps.
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The range, or empty when the text is not an address literal with an optional {@code /prefix}. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new AddressRange(mask(bytes, prefix), prefix));
    }

    /** An address literal, IPv4 or IPv6 (brackets allowed), without DNS; null when the text is anything else. */
    public static @Nullable InetAddress literal(String text) {
        return NetUtil.createInetAddressFromIpAddressString(text);
    }

    /** The first {@code prefixLength} bits of the address; the rest zero. */
    public static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) (0xFF00 >> keep);
        }
        return masked;
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {   // four or sixteen bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }
}
