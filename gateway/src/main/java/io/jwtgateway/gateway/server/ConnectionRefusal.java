package io.jwtgateway.gateway.server;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
import static org.springframework.http.HttpStatus.REQUEST_TIMEOUT;
import static org.springframework.http.HttpStatus.URI_TOO_LONG;

import java.util.Locale;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.springframework.http.HttpStatus;

/**
 * Why the gateway gave up on a request before, or while, reading it; each ends its connection, since the bytes that
 * follow cannot be trusted to start the next request. The description is ours and fixed: never the decoder's
 * message, which may quote the input.
 */
enum ConnectionRefusal {

    HEADER_TIMEOUT(REQUEST_TIMEOUT, "The request's header section did not arrive in time"),
    BODY_TIMEOUT(REQUEST_TIMEOUT, "The request body stopped arriving"),
    LINE_TOO_LONG(URI_TOO_LONG, "The request line is too long"),
    HEADERS_TOO_LARGE(REQUEST_HEADER_FIELDS_TOO_LARGE, "The request's header section is too large"),
    MALFORMED_REQUEST(BAD_REQUEST, "The request is not well-formed HTTP/1.1"),
    MALFORMED_BODY(BAD_REQUEST, "The request body's chunked framing is malformed");

    private final HttpStatus status;
    private final String detail;

    ConnectionRefusal(HttpStatus status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    HttpStatus status() {
        return status;
    }

    String detail() {
        return detail;
    }

    /** The metric tag: {@code header_timeout}, {@code line_too_long}, … */
    String reason() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a request head that Netty could not decode gets: 414 and 431 for its size limits, else 400. */
    static ConnectionRefusal ofDecoding(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLongHttpLineException) {
                return LINE_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HEADERS_TOO_LARGE;
            }
        }
        return MALFORMED_REQUEST;
    }
}
