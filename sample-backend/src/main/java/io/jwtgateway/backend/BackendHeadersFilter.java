package io.jwtgateway.backend;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Adds {@code X-Backend-Service} and {@code X-Backend-Instance} to every response, so a caller of the gateway can see
 * which service and which of its replicas answered.
 */
@Component
class BackendHeadersFilter implements WebFilter {

    static final String SERVICE = "X-Backend-Service";
    static final String INSTANCE = "X-Backend-Instance";

    private final ServiceName serviceName;
    private final InstanceId instanceId;

    BackendHeadersFilter(ServiceName serviceName, InstanceId instanceId) {
        this.serviceName = serviceName;
        this.instanceId = instanceId;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(SERVICE, serviceName.value());
        headers.set(INSTANCE, instanceId.value());
        return chain.filter(exchange);
    }
}
