package io.jwtgateway.gateway.config;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** The instances behind {@code lb://backend}: the configured {@code gateway.backend.uris}, in order. */
class BackendInstances implements ServiceInstanceListSupplier {

    static final String SERVICE_ID = "backend";

    private final List<ServiceInstance> instances;

    BackendInstances(BackendProperties properties) {
        this.instances = properties.uris().stream().map(BackendInstances::instance).toList();
    }

    @Override
    public String getServiceId() {
        return SERVICE_ID;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.just(instances);
    }

    private static ServiceInstance instance(URI uri) {
        boolean secure = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(SERVICE_ID + "-" + uri.getHost() + ":" + port, SERVICE_ID,
                uri.getHost(), port, secure);
    }
}
