package io.jwtgateway.gateway.server;

import java.util.concurrent.atomic.AtomicBoolean;

import io.jwtgateway.gateway.config.ClientConnectionProperties;
import io.jwtgateway.gateway.server.RequestGuard.Timeouts;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ClientConnectionCustomizer.class);

    private final Timeouts timeouts;
    private final RefusalResponses refusals;
    private final AtomicBoolean unguardedWarned = new AtomicBoolean();

    ClientConnectionCustomizer(ClientConnectionProperties properties, RefusalResponses refusals) {
        this.timeouts = new Timeouts(properties.requestHeaderTimeout().toNanos(),
                properties.requestBodyTimeout().toNanos(), properties.idleTimeout().toNanos(),
                properties.responseWriteTimeout().toNanos());
        this.refusals = refusals;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> guard(channel.pipeline()));
    }

    private void guard(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {    // HTTP/2 (TLS with ALPN, h2c)
            if (unguardedWarned.compareAndSet(false, true)) {
                log.warn("A connection without Netty's HTTP/1.1 codec at setup (server.http2.enabled?): the gateway's "
                        + "client deadlines and JSON refusals (gateway.server.*) do not apply to such connections");
            }
            return;
        }
        RequestGuard guard = new RequestGuard(timeouts, refusals);
        pipeline.addBefore(NettyPipeline.HttpCodec, "gateway.firstByteWatch", new FirstByteWatch(guard));
        pipeline.addAfter(NettyPipeline.HttpCodec, "gateway.requestGuard", guard);
    }
}
