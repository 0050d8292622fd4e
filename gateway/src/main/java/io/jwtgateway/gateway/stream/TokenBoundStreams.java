package io.jwtgateway.gateway.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends a streamed response ({@code spring.cloud.gateway.server.webflux.streaming-media-types}: server-sent events,
 * NDJSON) when the token that opened it expires or is revoked. An event stream gets a last event first,
 * {@code event: token-ended} with the reason as data, so a page can tell why; then the response completes and the
 * backend connection is released. Other responses, downloads included, are left as they are: they finish.
 */
@Component
class TokenBoundStreams implements GlobalFilter, Ordered {

    static final String KIND = "event_stream";

    private final TokenWatch watch;
    private final List<MediaType> streaming;

    TokenBoundStreams(TokenWatch watch, GatewayProperties properties) {
        this.watch = watch;
        this.streaming = properties.getStreamingMediaTypes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
        if (token == null) {
            return chain.filter(exchange);
        }
        ServerHttpResponse bounded = new Bounded(exchange.getResponse(), token);
        return chain.filter(exchange.mutate().response(bounded).build());
    }

    private boolean isStreaming(@Nullable MediaType type) {
        return type != null && streaming.stream().anyMatch(type::isCompatibleWith);
    }

    /** The response, its body ended with the token when it is a stream. */
    private final class Bounded extends ServerHttpResponseDecorator {

        private final VerifiedToken token;

        Bounded(ServerHttpResponse delegate, VerifiedToken token) {
            super(delegate);
            this.token = token;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            MediaType type = getHeaders().getContentType();
            return isStreaming(type) ? super.writeWith(bounded(Flux.from(body), type)) : super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            MediaType type = getHeaders().getContentType();
            if (!isStreaming(type)) {
                return super.writeAndFlushWith(body);
            }
            return super.writeAndFlushWith(bounded(Flux.from(body).concatMap(Flux::from), type).map(Flux::just));
        }

        private Flux<DataBuffer> bounded(Flux<? extends DataBuffer> body, @Nullable MediaType type) {
            AtomicReference<TokenEnd> ended = new AtomicReference<>();
            Mono<TokenEnd> end = watch.end(token).doOnNext(ended::set);     // cancelled when the body completes
            return Flux.<DataBuffer>from(body)
                    .takeUntilOther(end)                                    // cancels the backend's body
                    .concatWith(Flux.defer(() -> last(ended.get(), type)));
        }

        /** After an end, an event stream's last event says why; nothing after a body that completed on its own. */
        private Flux<DataBuffer> last(@Nullable TokenEnd ended, @Nullable MediaType type) {
            if (ended == null) {
                return Flux.empty();
            }
            watch.ended(KIND, ended);
            if (!MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
                return Flux.empty();
            }
            byte[] event = ("event: token-ended\ndata: " + ended.reason() + "\n\n").getBytes(UTF_8);
            return Flux.just(bufferFactory().wrap(event));
        }
    }

    @Override
    public int getOrder() {
        return FilterOrder.TOKEN_BOUND_STREAMS;
    }
}
