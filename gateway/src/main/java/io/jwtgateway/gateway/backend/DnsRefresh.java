package io.jwtgateway.gateway.backend;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Looks up again, every {@code dns-refresh}, each instance named by a host name, and makes every address it resolves
 * to an instance of its own: a Kubernetes headless Service or Compose replicas behind one name. The lookups run on
 * Reactor's bounded-elastic threads, never on an event loop; a lookup that fails keeps the addresses of the last one
 * that worked; {@code dns-refresh: 0} turns it off for a service. Until the first lookup, such an instance is the name
 * itself, resolved when connecting. Split into addresses, an instance gets the address in its {@code Host} header,
 * as Spring Cloud Gateway sends the URL's host; a backend that tells sites apart by name needs 0. An https
 * instance keeps its name, which its certificate is checked against, and {@code localhost} stays one instance. When a
 * name has IPv4 addresses only those are used, as a client connecting by name would try them first.
 */
class DnsRefresh implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DnsRefresh.class);

    private final Services services;
    private final HostResolver resolver;
    private final List<Disposable> refreshing = new ArrayList<>();

    DnsRefresh(Services services, HostResolver resolver) {
        this.services = services;
        this.resolver = resolver;
    }

    @Override
    public synchronized void start() {
        for (ServiceInstances service : services.all()) {
            List<URI> named = service.settings().uris().stream().filter(DnsRefresh::isResolvable).toList();
            if (!named.isEmpty() && !service.settings().dnsRefresh().isZero()) {
                refreshing.add(refresh(service, service.settings().dnsRefresh()));
            }
        }
    }

    private Disposable refresh(ServiceInstances service, Duration interval) {
        Map<URI, List<Instance>> last = new HashMap<>();
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(() -> lookUp(service, last))
                        .subscribeOn(Schedulers.boundedElastic())
                        .doOnNext(service::replace)
                        .onErrorResume(failure -> skipped(service, failure)))
                .subscribe();
    }

    /** A round that failed in a way a lookup does not: logged, and the next round runs as planned. */
    private static Mono<List<Instance>> skipped(ServiceInstances service, Throwable failure) {
        log.warn("Service {}: a DNS refresh failed and is skipped", service.name(), failure);
        return Mono.empty();
    }

    /** Every instance of the service now: literal addresses as they are, names as they resolve (or last resolved). */
    private List<Instance> lookUp(ServiceInstances service, Map<URI, List<Instance>> last) {
        List<Instance> instances = new ArrayList<>();
        for (URI uri : service.settings().uris()) {
            if (!isResolvable(uri)) {
                instances.add(Instance.of(service.name(), uri));
                continue;
            }
            List<Instance> resolved = resolve(service.name(), uri);
            if (resolved.isEmpty()) {
                resolved = last.getOrDefault(uri, List.of(Instance.of(service.name(), uri)));
            } else {
                last.put(uri, resolved);
            }
            instances.addAll(resolved);
        }
        return instances;
    }

    private List<Instance> resolve(String service, URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : 80;
        try {
            List<InetAddress> addresses = resolver.resolve(uri.getHost());
            boolean anyV4 = addresses.stream().anyMatch(Inet4Address.class::isInstance);
            return addresses.stream()
                    .filter(address -> !anyV4 || address instanceof Inet4Address)   // one family, IPv4 first
                    .map(InetAddress::getHostAddress)
                    .distinct()
                    .map(address -> new Instance(service, address, port, false))
                    .toList();
        } catch (UnknownHostException | RuntimeException failed) {
            log.warn("Service {}: looking up {} failed ({}); keeping its last addresses", service, uri.getHost(),
                    failed.getClass().getSimpleName());
            return List.of();
        }
    }

    /** An http instance named by a host name rather than an address; {@code localhost} is this machine alone. */
    static boolean isResolvable(URI uri) {
        String host = uri.getHost();
        return "http".equalsIgnoreCase(uri.getScheme()) && host != null && !host.equalsIgnoreCase("localhost")
                && !NetUtil.isValidIpV4Address(host) && !(host.startsWith("[") || NetUtil.isValidIpV6Address(host));
    }

    @Override
    public synchronized void stop() {
        refreshing.forEach(Disposable::dispose);
        refreshing.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !refreshing.isEmpty();
    }
}
