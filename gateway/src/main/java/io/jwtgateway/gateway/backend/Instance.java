package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * One instance of a service, as the load balancer sees it: where it is, whether its health check passes, whether it
 * is ejected for failing requests, and how many requests it has in hand. Identified by {@code host:port}.
 */
final class Instance {

    private final String service;
    private final String id;
    private final String base;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile boolean healthy = true;
    private volatile long ejectedUntil;                 // System.nanoTime(); meaningful while ejected is true
    private volatile boolean ejected;
    private volatile @Nullable InstanceMeters meters;

    Instance(String service, String host, int port, boolean secure) {
        this.service = service;
        this.id = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;     // an IPv6 literal in brackets
        this.base = (secure ? "https://" : "http://") + id;
    }

    /** The instance a configured URI names, with its scheme's default port when it names none. */
    static Instance of(String service, URI uri) {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Instance(service, host, port, secure);
    }

    String service() {
        return service;
    }

    /** {@code host:port}: the {@code instance} of the metrics and of the health details. */
    String id() {
        return id;
    }

    /** {@code scheme://host:port}, the start of every URL sent to it. */
    String base() {
        return base;
    }

    boolean isHealthy() {
        return healthy;
    }

    void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    boolean isEjected() {
        return ejected;
    }

    long ejectedUntil() {
        return ejectedUntil;
    }

    void eject(long until) {
        ejectedUntil = until;
        ejected = true;
    }

    void readmit() {
        ejected = false;
        consecutiveFailures.set(0);
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    AtomicInteger consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Its meters, once it has joined its service. */
    @Nullable InstanceMeters meters() {
        return meters;
    }

    void attach(@Nullable InstanceMeters meters) {
        this.meters = meters;
    }

    /** Whether it passes its health check and is not ejected. */
    boolean takesRequests() {
        return healthy && !ejected;
    }

    /** What the health details say of it. */
    String state() {
        return ejected ? "ejected" : healthy ? "up" : "down";
    }

    @Override
    public String toString() {
        return service + "/" + id;
    }
}
