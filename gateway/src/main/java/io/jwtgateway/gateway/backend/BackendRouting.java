package io.jwtgateway.gateway.backend;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;

import java.net.URI;
import java.util.Locale;

import io.jwtgateway.gateway.http.FilterOrder;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Sends a request for {@code lb://<service>} to one of that service's instances ({@link ServiceInstances}): the
 * routing filter then gets the instance's own URL, with the request's path and query as they came. When the instance
 * has answered (or failed to), the outcome goes back to the service, for its least-requests choice, its outlier
 * detection and its metrics. This is the whole load balancer: Spring Cloud LoadBalancer did the same through a child
 * context per service, a copy of every request's headers and cookies and a chain of reactive hops per request.
 */
@Component
class BackendRouting implements GlobalFilter, Ordered {

    /** The instance the latest attempt of this request was sent to. */
    static final String CHOSEN_ATTRIBUTE = BackendRouting.class.getName() + ".chosen";

    private static final String SCHEME = "lb";

    private final Services services;

    BackendRouting(Services services) {
        this.services = services;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        ServiceInstances service = url == null || !isLoadBalanced(url) || url.getHost() == null
                ? null
                : services.find(url.getHost());
        if (service == null) {
            return chain.filter(exchange);          // not ours; an unknown lb:// name is refused after us (503)
        }
        Instance tried = exchange.getAttribute(CHOSEN_ATTRIBUTE);
        Instance chosen = service.choose(tried);
        exchange.getAttributes().put(CHOSEN_ATTRIBUTE, chosen);
        addOriginalRequestUrl(exchange, url);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, at(chosen, url));
        service.started(chosen);
        Attempt attempt = new Attempt(exchange, service, chosen);
        return chain.filter(exchange)
                .doOnError(attempt::failed)
                .doFinally(attempt::ended);
    }

    /**
     * One attempt at one instance, told back to its service exactly once, when the routing filter's work ends: at the
     * instance's response headers, a failure, or the client going away. A 502, 503 or 504 of the instance's own
     * counts against it, as does a failure {@link BackendFailure} knows; a client that went away, or a body that
     * broke off, says nothing about the instance.
     */
    private static final class Attempt {

        private final ServerWebExchange exchange;
        private final ServiceInstances service;
        private final Instance instance;
        private InstanceMeters.@Nullable Failure failure;

        Attempt(ServerWebExchange exchange, ServiceInstances service, Instance instance) {
            this.exchange = exchange;
            this.service = service;
            this.instance = instance;
        }

        void failed(Throwable error) {
            failure = BackendFailure.of(exchange, error).map(BackendFailure::kind).orElse(null);
        }

        void ended(SignalType signal) {
            if (signal == SignalType.ON_COMPLETE) {
                answered();
            } else if (signal == SignalType.ON_ERROR && failure != null) {
                service.failed(instance, failure);
            } else {
                service.abandoned(instance);
            }
        }

        private void answered() {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            int code = status == null ? 200 : status.value();
            if (code == 502 || code == 503 || code == 504) {
                service.failed(instance, InstanceMeters.Failure.STATUS);
            } else {
                service.succeeded(instance);
            }
        }
    }

    /** Any {@code lb://} URI, in any case: schemes are case-insensitive (RFC 3986 §3.1). */
    static boolean isLoadBalanced(URI uri) {
        return SCHEME.equalsIgnoreCase(uri.getScheme());
    }

    /** The service an {@code lb://} URI names, lower-cased; null for any other URI. */
    static @Nullable String serviceOf(URI uri) {
        return isLoadBalanced(uri) && uri.getHost() != null ? uri.getHost().toLowerCase(Locale.ROOT) : null;
    }

    /** The request's URL on the instance: its raw path and query, so that nothing is decoded or encoded twice. */
    static URI at(Instance instance, URI url) {
        String query = url.getRawQuery();
        String path = url.getRawPath();
        return URI.create(instance.base() + (path == null ? "" : path) + (query == null ? "" : "?" + query));
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_ROUTING;
    }
}
