package io.jwtgateway.gateway.observe;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.jwtgateway.gateway.config.AccessLogProperties;
import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.Connection;

/**
 * One line per request when the response is complete, on standard output or, with
 * {@code gateway.access-log.output=logger}, on the logger {@code gateway.access} at INFO: every request
 * the gateway serves, routed or answered by the gateway itself, refused by the path firewall or unknown (404). The
 * line holds the request id, the trace id while tracing is on, client address, method, path without its query string,
 * route, status, latency, and the authentication outcome and subject other filters left on the exchange. Never a header value, a body or a query:
 * that is where tokens, API keys and client secrets travel.
 *
 * <p>The request's thread, an event loop, only captures those values into an {@link AccessLine} and queues it; the
 * access log's own thread ({@link LineWriter}) formats the line, text or JSON, and writes it. For both outputs: a
 * logger's appenders run where the event is logged, and may block (a file, a full asynchronous appender), so an
 * event logged on the loop would hold up every connection of that loop, and its line would be formatted there. The
 * logger's events are therefore logged by the writer's thread too, and like standard output's lines they are dropped
 * and counted ({@value #DROPPED}) when the queue is full.
 */
@Component
@ConditionalOnBooleanProperty(name = "gateway.access-log.enabled", matchIfMissing = true)
class AccessLog implements FrontStep, DisposableBean {

    static final String LOGGER = "gateway.access";
    static final String DROPPED = "gateway.access.log.dropped";

    /** The status logged when the client went away before the response was written in full (nginx's convention). */
    static final int CLIENT_CLOSED = 499;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    /** Set when the chain fails: the error handler sets the status only after this filter has finished. */
    private static final String FAILURE_STATUS = AccessLog.class.getName() + ".failureStatus";

    private final boolean stdout;
    private final Clock clock;
    private final LineWriter<AccessLine> lines;
    private final List<FailureAnswer> answers;

    AccessLog(AccessLogProperties properties, Clock clock, MeterRegistry registry, List<FailureAnswer> answers) {
        this.stdout = properties.output() == AccessLogProperties.Output.STDOUT;
        this.clock = clock;
        this.answers = List.copyOf(answers);
        this.lines = new LineWriter<>(LineWriter.CAPACITY, droppedCounter(registry), output(properties));
    }

    private static Counter droppedCounter(MeterRegistry registry) {
        return Counter.builder(DROPPED)
                .description("Access log lines dropped because their output did not keep up")
                .register(registry);
    }

    private static LineWriter.Output<AccessLine> output(AccessLogProperties properties) {
        LineWriter.Format<AccessLine> format = properties.format() == AccessLogProperties.Format.JSON
                ? AccessLine::appendJson : AccessLine::appendText;
        return properties.output() == AccessLogProperties.Output.STDOUT
                ? LineWriter.stdout(format) : LineWriter.logger(log, format);
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return stdout || log.isInfoEnabled();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long arrivedMillis = clock.millis();
        long startNanos = System.nanoTime();
        Channel connection = connectionOf(exchange.getRequest());
        return chain.filter(exchange)
                .doOnError(failure -> exchange.getAttributes().put(FAILURE_STATUS, statusOf(exchange, failure)))
                .doFinally(signal -> write(exchange, connection, signal, arrivedMillis, startNanos));
    }

    /**
     * The client's connection, taken as the request begins: once Reactor Netty has finished with a request, its
     * {@link Connection} answers with a stand-in channel that is always closed.
     */
    private static @Nullable Channel connectionOf(ServerHttpRequest request) {
        return ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection
                ? connection.channel() : null;
    }

    /** Captures the line's values, each one the exchange already holds, and queues them for the writer. */
    private void write(ServerWebExchange exchange, @Nullable Channel connection, SignalType signal,
            long arrivedMillis, long startNanos) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        ServerHttpRequest request = exchange.getRequest();
        lines.add(new AccessLine(arrivedMillis, RequestId.of(exchange), TraceId.of(exchange),
                request.getRemoteAddress(), request.getMethod().name(), request.getPath().value(),
                route(exchange), status(exchange, connection, signal), micros,
                exchange.getAttribute(AuthDecisions.OUTCOME_ATTRIBUTE),
                exchange.getAttribute(AuthDecisions.SUBJECT_ATTRIBUTE)));
    }

    /** Writes the lines still queued, after the server has finished its requests. */
    @Override
    public void destroy() {
        lines.close();
    }

    /**
     * The decision's route; else the matched gateway route; else the path pattern of a functional endpoint of the
     * gateway's own (discovery). Not just any handler's pattern: static resources would name a 404 {@code /**}.
     */
    private static @Nullable String route(ServerWebExchange exchange) {
        String decided = exchange.getAttribute(AuthDecisions.ROUTE_ATTRIBUTE);
        if (decided != null) {
            return decided;
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route != null) {
            return route.getId();
        }
        Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? null : pattern.toString();
    }

    private static int status(ServerWebExchange exchange, @Nullable Channel connection, SignalType signal) {
        if (clientLeftFirst(exchange, connection, signal)) {
            return CLIENT_CLOSED;
        }
        Integer failed = exchange.getAttribute(FAILURE_STATUS);
        if (failed != null) {
            return failed;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }

    /**
     * True when the client's connection closed before the response's last byte was written to it. Reactor Netty
     * cancels a request whose connection closes while it is handled, and when the connection closes under a
     * response's body it ends that write as if it were complete, so the request may also end normally, its response
     * cut short. Neither says the client left early: it may have read the whole response and closed before the
     * gateway had finished with the request (a proxied response ends only when the backend's end has come through,
     * which can be after the client read the last byte). The connection's {@link ResponseWatch} says how far the
     * response had got: not begun (a cancel), ended (Reactor Netty wrote its end, then closed the connection as asked),
     * or in progress, written in full or not. Without a watch (HTTP/2, a WebSocket once upgraded) a cancel counts as
     * leaving and a completion does not. An open connection costs one check.
     */
    private static boolean clientLeftFirst(ServerWebExchange exchange, @Nullable Channel connection,
            SignalType signal) {
        boolean cancelled = signal == SignalType.CANCEL;
        if (connection == null || (!cancelled && connection.isActive())) {
            return cancelled;
        }
        ResponseWatch watch = connection.pipeline().get(ResponseWatch.class);
        if (watch == null || !watch.responseInProgress()) {
            return cancelled;
        }
        return !watch.lastByteWritten(exchange.getResponse().getHeaders().getContentLength());
    }

    /**
     * What the error handlers will answer ({@link FailureAnswer}); for a failure none of them answers, because the
     * response had begun or the client went away, the status an {@link ErrorResponse} names, else 500.
     */
    private int statusOf(ServerWebExchange exchange, Throwable failure) {
        for (FailureAnswer answer : answers) {
            Optional<HttpStatus> status = answer.statusFor(exchange, failure);
            if (status.isPresent()) {
                return status.get().value();
            }
        }
        return failure instanceof ErrorResponse response ? response.getStatusCode().value() : 500;
    }

    @Override
    public int getOrder() {
        return FilterOrder.ACCESS_LOG;
    }
}
