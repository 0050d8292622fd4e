package io.jwtgateway.gateway.backend;

import static org.springframework.http.HttpStatus.BAD_GATEWAY;
import static org.springframework.http.HttpStatus.GATEWAY_TIMEOUT;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;

import io.jwtgateway.gateway.refusal.RefusalCode;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Why no backend response came, in the terms of RFC 9110 §15.6: 503 when no instance could be reached, 504 when the
 * one reached did not answer in time, 502 when it closed the connection before its response began (it crashed, or
 * was killed, with the request in hand). Only the failures Spring Cloud Gateway raises for these cases are recognised;
 * anything else stays a bug.
 */
enum BackendFailure {

    UNAVAILABLE(SERVICE_UNAVAILABLE, RefusalCode.BACKEND_UNAVAILABLE,
            "The backend service cannot be reached; try again later"),
    TIMEOUT(GATEWAY_TIMEOUT, RefusalCode.BACKEND_TIMEOUT, "The backend service did not answer in time"),
    CLOSED(BAD_GATEWAY, RefusalCode.BACKEND_CLOSED, "The backend service closed the connection before it answered");

    private final HttpStatus status;
    private final RefusalCode code;
    private final String detail;

    BackendFailure(HttpStatus status, RefusalCode code, String detail) {
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    HttpStatus status() {
        return status;
    }

    RefusalCode code() {
        return code;
    }

    String detail() {
        return detail;
    }

    /** The instance's failure, as its metrics count it. */
    InstanceMeters.Failure kind() {
        return switch (this) {
            case UNAVAILABLE -> InstanceMeters.Failure.CONNECT;
            case TIMEOUT -> InstanceMeters.Failure.TIMEOUT;
            case CLOSED -> InstanceMeters.Failure.CLOSED;
        };
    }

    static Optional<BackendFailure> of(ServerWebExchange exchange, Throwable failure) {
        if (isConnectFailure(exchange, failure)
                || failure instanceof NotFoundException noInstance      // lb://<another service>, from a route in code
                        && SERVICE_UNAVAILABLE.equals(noInstance.getStatusCode())) {
            return Optional.of(UNAVAILABLE);
        }
        if (failure instanceof ResponseStatusException timeout                 // the routing filter's response timeout
                && GATEWAY_TIMEOUT.equals(timeout.getStatusCode()) && timeout.getCause() instanceof TimeoutException) {
            return Optional.of(TIMEOUT);
        }
        if (isClosedBeforeResponse(exchange, failure)) {
            return Optional.of(CLOSED);
        }
        return Optional.empty();
    }

    /**
     * True when the routing filter could not connect to the instance: refused, timed out while connecting (Netty's
     * {@code ConnectTimeoutException} is a {@link ConnectException}), or a host that does not resolve. The request
     * never left the gateway, so sending it to another instance cannot run it twice. A connection failure before
     * routing (to some other service) is not the backend's.
     */
    static boolean isConnectFailure(ServerWebExchange exchange, Throwable failure) {
        return ServerWebExchangeUtils.isAlreadyRouted(exchange) && connectFailure(failure).isPresent();
    }

    /**
     * True when the instance was reached and closed the connection before any of its response arrived. The request
     * may have been processed, or not: only one that is safe to send again (RFC 9110 §9.2.2) may be.
     */
    static boolean isClosedBeforeResponse(ServerWebExchange exchange, Throwable failure) {
        return ServerWebExchangeUtils.isAlreadyRouted(exchange)
                && causeOf(failure, PrematureCloseException.class).isPresent();
    }

    /**
     * For the log: the connect failure, whose message names the instance, or else the failure's own reason. Neither
     * quotes the client's request.
     */
    static String describe(Throwable failure) {
        return connectFailure(failure)
                .map(Throwable::toString)
                .orElseGet(() -> failure instanceof ResponseStatusException status && status.getReason() != null
                        ? status.getReason()
                        : failure.getClass().getName());
    }

    private static Optional<Throwable> connectFailure(Throwable failure) {
        return causeOf(failure, ConnectException.class, UnknownHostException.class);
    }

    /** The failure itself or the first of its causes that is one of {@code types}. */
    private static Optional<Throwable> causeOf(Throwable failure, Class<?>... types) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(cause)) {
                    return Optional.of(cause);
                }
            }
        }
        return Optional.empty();
    }
}
