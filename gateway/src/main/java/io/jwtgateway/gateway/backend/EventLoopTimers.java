package io.jwtgateway.gateway.backend;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.concurrent.EventExecutor;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The response timeout, timed on the request's own event loop instead of Reactor's shared timer threads, whose queue
 * takes a lock to add and to cancel each request's timer; it ends in the error Spring Cloud Gateway's own response
 * timeout ends in, which {@link BackendFailure} answers with 504.
 */
final class EventLoopTimers {

    private final Map<EventExecutor, Scheduler> timers = new ConcurrentHashMap<>();

    /** The call, failing with a 504 when it has not completed within the timeout. */
    Mono<Void> limit(Mono<Void> call, Duration timeout, ServerWebExchange exchange) {
        return call.timeout(timeout, Mono.error(() -> tookTooLong(timeout)), timerOf(exchange));
    }

    private static ResponseStatusException tookTooLong(Duration timeout) {
        String message = "Response took longer than timeout: " + timeout;
        return new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, message, new TimeoutException(message));
    }

    /** The request's event loop as a Reactor scheduler; Reactor's shared timer when the request has no channel. */
    private Scheduler timerOf(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(request instanceof Connection connection)) {
            return Schedulers.parallel();
        }
        return timers.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutorService);
    }
}
