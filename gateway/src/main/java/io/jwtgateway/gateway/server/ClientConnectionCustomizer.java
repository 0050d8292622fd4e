package io.jwtgateway.gateway.server;

import io.jwtgateway.gateway.config.ClientConnectionProperties;
import io.jwtgateway.gateway.server.RequestGuard.Timeouts;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Puts a {@link RequestGuard} (and its {@link FirstByteWatch}) around the HTTP/1.1 codec of every connection the
 * gateway accepts. Reactor Netty's own {@code readTimeout} and {@code idleTimeout} are not used: each adds and removes
 * a pipeline handler on every request, and neither covers a request head that arrives a byte at a time.
 */
@Component
class ClientConnectionCustomizer implements NettyServerCustomizer {

    private final Timeouts timeouts;
    private final RefusalResponses refusals;

    ClientConnectionCustomizer(ClientConnectionProperties properties, RefusalResponses refusals) {
        this.timeouts = new Timeouts(properties.requestHeaderTimeout().toNanos(),
                properties.requestBodyTimeout().toNanos(), properties.idleTimeout().toNanos());
        this.refusals = refusals;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> guard(channel.pipeline()));
    }

    private void guard(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;                                         // HTTP/2 (TLS with ALPN, h2c): its codec has limits of its own
        }
        RequestGuard guard = new RequestGuard(timeouts, refusals);
        pipeline.addBefore(NettyPipeline.HttpCodec, "gateway.firstByteWatch", new FirstByteWatch(guard));
        pipeline.addAfter(NettyPipeline.HttpCodec, "gateway.requestGuard", guard);
    }
}
