package io.jwtgateway.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.jwtgateway.gateway.http.AddressRange;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request counts against: the verified token's issuer and subject when authentication ran, else the client
 * address. An IPv6 client counts by its /64, the block one subscriber usually holds whole, so that walking through it
 * does not buy fresh buckets.
 */
@Component
class Callers {

    private static final int IPV6_SUBSCRIBER_PREFIX = 64;

    private final ClientAddresses addresses;

    Callers(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    /** The subject of the token {@code AuthenticationFilter} verified for this exchange, else the client address. */
    String of(ServerWebExchange exchange) {
        VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
        return token == null ? byAddress(exchange.getRequest()) : bySubject(token);
    }

    String byAddress(ServerHttpRequest request) {
        return "ip:" + key(addresses.clientOf(request));
    }

    /** The issuer's length first, so that no issuer and subject pair can spell another. */
    static String bySubject(VerifiedToken token) {
        return "sub:" + token.issuer().length() + ":" + token.issuer() + ":" + token.subject();
    }

    private static String key(@Nullable InetAddress address) {
        if (address == null) {
            return "unknown";
        }
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        try {
            byte[] block = AddressRange.mask(address.getAddress(), IPV6_SUBSCRIBER_PREFIX);
            return InetAddress.getByAddress(block).getHostAddress() + "/" + IPV6_SUBSCRIBER_PREFIX;
        } catch (UnknownHostException impossible) {                 // sixteen bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }
}
