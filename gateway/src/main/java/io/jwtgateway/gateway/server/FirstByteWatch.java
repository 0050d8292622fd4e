package io.jwtgateway.gateway.server;

import io.netty.buffer.ByteBuf;
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
        if (!(msg instanceof ByteBuf bytes) || bytes.forEachByte(FirstByteWatch::isLineBreak) >= 0) {
            guard.bytesArrived();
        }
        ctx.fireChannelRead(msg);
    }

    /** Empty lines before a request are ignored (RFC 9112 §2.2): a client's stray CRLF does not begin a head. */
    private static boolean isLineBreak(byte b) {
        return b == '\r' || b == '\n';
    }
}
