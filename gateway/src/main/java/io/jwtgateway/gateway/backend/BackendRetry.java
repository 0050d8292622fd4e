package io.jwtgateway.gateway.backend;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.OPTIONS;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Set;

import io.jwtgateway.gateway.http.BoundedBody;
import io.jwtgateway.gateway.http.FilterOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.Retry.RetrySignal;
import reactor.util.retry.RetrySpec;

/**
 * Sends an idempotent request (RFC 9110 §9.2.2) once more when no connection to the chosen backend instance could be
 * made, or when, without a body, it reached an instance that closed the connection before answering (a backend killed
 * or crashing with requests in hand: RFC 9110 §9.2.2 lets a client retry exactly this, and nginx does); the load
 * balancer then offers every instance but that one. A POST or PATCH is never sent twice, nor a request that timed out,
 * nor one whose streamed body the closed connection has consumed.
 *
 * <p>Spring Cloud Gateway's {@code Retry} filter would do the same, but it buffers every request body on its routes
 * in memory to replay it. None is needed here: a connection that failed never read the body.
 */
@Component
class BackendRetry implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(BackendRetry.class);

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(GET, HEAD, OPTIONS, PUT, DELETE);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!IDEMPOTENT.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .retryWhen(onceAfterConnectFailure(exchange));
    }

    private static RetrySpec onceAfterConnectFailure(ServerWebExchange exchange) {
        boolean bodiless = !BoundedBody.isAnnounced(exchange.getRequest());
        return Retry.max(1)
                .filter(failure -> BackendFailure.isConnectFailure(exchange, failure)
                        || bodiless && BackendFailure.isClosedBeforeResponse(exchange, failure))
                .doBeforeRetry(signal -> prepareRetry(exchange, signal))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Drops what the failed attempt left that would stop the routing filters from running again. */
    private static void prepareRetry(ServerWebExchange exchange, RetrySignal signal) {
        log.warn("{} {} tried another backend instance: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), BackendFailure.describe(signal.failure()));
        ServerWebExchangeUtils.reset(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_RETRY;
    }
}
