package io.jwtgateway.gateway.server;

import java.util.EnumMap;
import java.util.Map;

import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link ConnectionRefusal} straight onto a connection, as an RFC 9457 problem detail with
 * {@code Connection: close}, then closes it; and counts refusals in {@code gateway_server_refusals_total{reason}}, the
 * only trace they leave: these requests never become exchanges, so the access log does not see them. Bodies are made
 * once, at startup.
 */
@Component
class RefusalResponses {

    static final String METRIC = "gateway.server.refusals";

    private final Map<ConnectionRefusal, byte[]> bodies = new EnumMap<>(ConnectionRefusal.class);
    private final Map<ConnectionRefusal, Counter> counters = new EnumMap<>(ConnectionRefusal.class);

    RefusalResponses(RefusalWriter refusals, MeterRegistry registry) {
        for (ConnectionRefusal refusal : ConnectionRefusal.values()) {
            bodies.put(refusal, refusals.body(refusal.status(), refusal.detail()));
            counters.put(refusal, Counter.builder(METRIC)
                    .description("Requests refused before they reached the gateway's filters, or whose body broke off")
                    .tag("reason", refusal.reason())
                    .register(registry));
        }
    }

    /** Counts a refusal that is answered elsewhere (a body that broke off is answered by the error handler). */
    void count(ConnectionRefusal refusal) {
        counters.get(refusal).increment();
    }

    /** Writes the refusal as the connection's last response and closes the connection once it is out. */
    void writeAndClose(ChannelHandlerContext ctx, ConnectionRefusal refusal) {
        count(refusal);
        byte[] body = bodies.get(refusal);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(refusal.status().value()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
