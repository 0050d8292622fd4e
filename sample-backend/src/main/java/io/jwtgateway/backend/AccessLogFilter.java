package io.jwtgateway.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One line per request on the logger {@code backend.access}, in the gateway's text format, so the two logs read and
 * parse alike: {@code time request_id client method path route status latency_ms outcome subject}. Route and outcome
 * are the gateway's to know and are always {@code -} here; the subject is the {@code X-Auth-Subject} the gateway sent.
 * The path is logged without its query string, and no other header or body is.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

    static final String LOGGER = "backend.access";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final String FAILURE_STATUS = AccessLogFilter.class.getName() + ".failureStatus";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isInfoEnabled()) {
            return chain.filter(exchange);
        }
        Instant arrived = Instant.now();
        long startNanos = System.nanoTime();
        return chain.filter(exchange)
                .doOnError(failure -> exchange.getAttributes().put(FAILURE_STATUS, statusOf(failure)))
                .doFinally(signal -> write(exchange, signal, arrived, startNanos));
    }

    private static void write(ServerWebExchange exchange, SignalType signal, Instant arrived, long startNanos) {
        long micros = (System.nanoTime() - startNanos) / 1000;
        ServerHttpRequest request = exchange.getRequest();
        StringBuilder line = new StringBuilder(160).append("time=").append(arrived);
        field(line, "request_id", exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
        field(line, "client", client(request.getRemoteAddress()));
        field(line, "method", request.getMethod().name());
        field(line, "path", request.getPath().value());
        field(line, "route", null);
        line.append(" status=").append(status(exchange, signal));
        line.append(" latency_ms=").append(micros / 1000).append('.');
        long fraction = micros % 1000;
        line.append(fraction < 100 ? "0" : "").append(fraction < 10 ? "0" : "").append(fraction);
        field(line, "outcome", null);
        field(line, "subject", request.getHeaders().getFirst(Subject.HEADER));
        log.info(line.toString());
    }

    private static int status(ServerWebExchange exchange, SignalType signal) {
        Integer failed = exchange.getAttribute(FAILURE_STATUS);
        if (failed != null) {
            return failed;
        }
        if (signal == SignalType.CANCEL) {
            return 499;                                     // the client went away first (nginx's convention)
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }

    private static int statusOf(Throwable failure) {
        return failure instanceof ErrorResponse response ? response.getStatusCode().value() : 500;
    }

    private static @Nullable String client(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return null;
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }

    /** Bare when printable ASCII without quotes, backslashes or {@code =}; else quoted with JSON escapes. */
    private static void field(StringBuilder line, String name, @Nullable String value) {
        line.append(' ').append(name).append('=');
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        boolean bare = value.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '=');
        if (bare) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                line.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
