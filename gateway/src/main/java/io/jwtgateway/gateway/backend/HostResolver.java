package io.jwtgateway.gateway.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up every address of a host name: the JDK's resolver ({@link InetAddress#getAllByName}, with its cache) unless
 * a bean of this type replaces it. It blocks, so {@link DnsRefresh} calls it off the event loops.
 */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    static HostResolver jdk() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
