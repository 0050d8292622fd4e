package io.jwtgateway.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits just before Netty's HTTP codec and tells the connection's {@link RequestGuard} that bytes arrived, which the
 * codec may keep to itself for a while: a request head sent a byte at a time decodes into nothing until its end, and
 * its deadline must start at its first byte.
 */
final class FirstByteWatch extends ChannelInboundHandlerAdapter {

    private final RequestGuard guard;

    FirstByteWatch(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        guard.bytesArrived();
        ctx.fireChannelRead(msg);
    }
}
