package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;

import io.jwtgateway.gateway.http.FilterOrder;
import java.net.URI;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a request for {@code lb://backend} to one of {@link BackendInstances}: the routing filter then gets the
 * instance's own URL, with the request's path and query as they came. This is the whole load balancer: one instance
 * list with its health, taken in turn, and on a retry any instance but the one that failed. Spring Cloud
 * LoadBalancer did the same through a child context per service, a copy of every request's headers and cookies and
 * a chain of reactive hops per request; none of it was needed for one list of URLs.
 */
@Component
class BackendRouting implements GlobalFilter, Ordered {

    /** The instance the latest attempt of this request was sent to. */
    static final String CHOSEN_ATTRIBUTE = BackendRouting.class.getName() + ".chosen";

    private static final String SCHEME = "lb";

    private final BackendInstances instances;

    BackendRouting(BackendInstances instances) {
        this.instances = instances;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !isBackend(url)) {
            return chain.filter(exchange);
        }
        ServiceInstance tried = exchange.getAttribute(CHOSEN_ATTRIBUTE);
        ServiceInstance chosen = instances.choose(tried);
        exchange.getAttributes().put(CHOSEN_ATTRIBUTE, chosen);
        addOriginalRequestUrl(exchange, url);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, at(chosen, url));
        return chain.filter(exchange);
    }

    /** {@code lb://backend}, in any case: schemes and host names are case-insensitive (RFC 3986 §3.1, §3.2.2). */
    static boolean isBackend(URI uri) {
        return SCHEME.equalsIgnoreCase(uri.getScheme()) && BackendInstances.SERVICE_ID.equalsIgnoreCase(uri.getHost());
    }

    /** Any {@code lb://} URI, in any case. */
    static boolean isLoadBalanced(URI uri) {
        return SCHEME.equalsIgnoreCase(uri.getScheme());
    }

    /** The request's URL on the instance: its raw path and query, so that nothing is decoded or encoded twice. */
    static URI at(ServiceInstance instance, URI url) {
        String query = url.getRawQuery();
        String scheme = instance.isSecure() ? "https" : "http";
        return URI.create(scheme + "://" + instance.getHost() + ":" + instance.getPort()
                + url.getRawPath() + (query == null ? "" : "?" + query));
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_ROUTING;
    }
}
