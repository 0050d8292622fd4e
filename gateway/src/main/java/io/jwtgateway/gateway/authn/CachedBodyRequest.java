package io.jwtgateway.gateway.authn;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** A request whose body was read once to look for a token: it replays the same bytes downstream, unchanged. */
final class CachedBodyRequest extends ServerHttpRequestDecorator {

    private final byte[] body;
    private final DataBufferFactory buffers;

    CachedBodyRequest(ServerHttpRequest delegate, byte[] body, DataBufferFactory buffers) {
        super(delegate);
        this.body = body;
        this.buffers = buffers;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return body.length == 0 ? Flux.empty() : Flux.defer(() -> Flux.just(buffers.wrap(body)));
    }
}
