package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.jwtgateway.gateway.config.BackendProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances behind {@code lb://backend}: the configured {@code gateway.backend.uris}, in order, less those whose
 * latest health check failed. When every instance has failed, all are offered again: the checks then tell nothing
 * about which to pick, a refused connection still ends quickly, and a misconfigured health path cannot take the whole
 * service down (the "panic mode" of other proxies). A request sent again after a failed connection is offered every
 * instance but the one it failed on, so the retry lands elsewhere whatever other requests did meanwhile.
 */
class BackendInstances implements ServiceInstanceListSupplier {

    static final String SERVICE_ID = "backend";

    private final List<ServiceInstance> all;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private volatile List<ServiceInstance> available;

    BackendInstances(BackendProperties properties) {
        this.all = properties.uris().stream().map(BackendInstances::instance).toList();
        this.available = all;
    }

    @Override
    public String getServiceId() {
        return SERVICE_ID;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.defer(() -> Flux.just(available));
    }

    @Override
    @SuppressWarnings("rawtypes")                       // the interface declares the raw type
    public Flux<List<ServiceInstance>> get(Request request) {
        return Flux.defer(() -> Flux.just(withoutTried(available, triedBefore(request))));
    }

    List<ServiceInstance> all() {
        return all;
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

    /**
     * The instance an earlier attempt of the same request was sent to. The gateway's load balancer filter leaves its
     * choice in the exchange attributes, and a retry passes through that filter again with them.
     */
    private static @Nullable String triedBefore(Request<?> request) {
        if (request.getContext() instanceof RequestDataContext context
                && context.getClientRequest().getAttributes().get(GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> response
                && response.hasServer() && response.getServer() instanceof ServiceInstance tried) {
            return tried.getInstanceId();
        }
        return null;
    }

    private static List<ServiceInstance> withoutTried(List<ServiceInstance> instances, @Nullable String tried) {
        if (tried == null) {
            return instances;
        }
        List<ServiceInstance> others = instances.stream().filter(each -> !tried.equals(each.getInstanceId())).toList();
        return others.isEmpty() ? instances : others;
    }

    private static ServiceInstance instance(URI uri) {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(SERVICE_ID + "-" + uri.getHost() + ":" + port, SERVICE_ID,
                uri.getHost(), port, secure);
    }
}
