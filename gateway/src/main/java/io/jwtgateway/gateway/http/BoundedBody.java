package io.jwtgateway.gateway.http;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a request body into memory, refusing one larger than {@link #MAX_BYTES}. */
public final class BoundedBody {

    /** The most we read of a body: JSON holding a key or a token is far smaller. */
    public static final int MAX_BYTES = 16 * 1024;

    private BoundedBody() {
    }

    /** Whether the request announces a body: a positive {@code Content-Length}, or a {@code Transfer-Encoding}. */
    public static boolean isAnnounced(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The body's bytes, empty for no body; {@link TooLargeException} when it exceeds {@link #MAX_BYTES}. */
    public static Mono<byte[]> read(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, MAX_BYTES)
                .map(BoundedBody::copyAndRelease)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, ex -> new TooLargeException());
    }

    private static byte[] copyAndRelease(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The body exceeded {@link #MAX_BYTES}. An expected outcome, so it carries no stack trace. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException() {
            super("Request body exceeds " + MAX_BYTES + " bytes", null, false, false);
        }
    }
}
