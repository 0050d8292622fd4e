package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.jwtgateway.gateway.config.BackendProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The instances behind {@code lb://backend}: the configured {@code gateway.backend.uris}, in order, less those whose
 * latest health check failed, taken in turn. When every instance has failed, all are offered again: the checks then
 * tell nothing about which to pick, a refused connection still ends quickly, and a misconfigured health path cannot
 * take the whole service down (the "panic mode" of other proxies). A request sent again after a failed connection is
 * offered every instance but the one it failed on, so the retry lands elsewhere whatever other requests did meanwhile.
 */
class BackendInstances {

    static final String SERVICE_ID = "backend";

    private final List<ServiceInstance> all;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<ServiceInstance> available;

    BackendInstances(BackendProperties properties) {
        this.all = properties.uris().stream().map(BackendInstances::instance).toList();
        this.available = all;
    }

    List<ServiceInstance> all() {
        return all;
    }

    /** The instances that take requests now, in configuration order. */
    List<ServiceInstance> available() {
        return available;
    }

    /**
     * The next instance in turn among those available; not {@code tried}, the instance an earlier attempt of the same
     * request failed to connect to, unless it is the only one.
     */
    ServiceInstance choose(@Nullable ServiceInstance tried) {
        List<ServiceInstance> candidates = available;
        int next = turn.getAndIncrement() & Integer.MAX_VALUE;
        ServiceInstance chosen = candidates.get(next % candidates.size());
        if (tried != null && candidates.size() > 1 && chosen.getInstanceId().equals(tried.getInstanceId())) {
            chosen = candidates.get((next + 1) % candidates.size());
        }
        return chosen;
    }

    /** Records a health check result; true when it changed whether the instance takes requests. */
    synchronized boolean record(ServiceInstance instance, boolean healthy) {
        boolean changed = healthy ? down.remove(instance.getInstanceId()) : down.add(instance.getInstanceId());
        if (changed) {
            List<ServiceInstance> up = all.stream().filter(each -> !down.contains(each.getInstanceId())).toList();
            available = up.isEmpty() ? all : up;
        }
        return changed;
    }

    /** True when every instance failed its latest check, so all are offered anyway. */
    boolean noneHealthy() {
        return down.size() == all.size();
    }

    private static ServiceInstance instance(URI uri) {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(SERVICE_ID + "-" + uri.getHost() + ":" + port, SERVICE_ID,
                uri.getHost(), port, secure);
    }
}
