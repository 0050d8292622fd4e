package io.jwtgateway.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * How much of the response in progress on one connection has gone to the socket: from its head to its end, the body
 * bytes handed to the channel, and how many of them had left the channel's outbound buffer when it was last looked
 * at. Counters only, kept on the connection's event loop, so a request costs no allocation and no timer.
 *
 * <p>The outbound buffer is looked at when a read ends, because that is how a client's close arrives: as the end of
 * its stream or a reset. Netty ends that read ({@code channelReadComplete}) before it closes the channel and fails
 * whatever is still queued, so this is the last moment the buffer shows what never went out; a client cannot have read
 * bytes still waiting there.
 */
final class ResponseProgress {

    private static final long UNKNOWN = -1;

    /** A final response's head has been written, and its end not yet. */
    private boolean inProgress;
    private long bodyQueued;
    private long bodyWritten;

    /** Each message of a final (not 1xx) response, before it is written to the channel. */
    void queued(Object message) {
        if (message instanceof LastHttpContent) {
            inProgress = false;             // a whole message, or the end written once the handler has ended
            return;
        }
        if (message instanceof HttpResponse) {
            inProgress = true;
            bodyQueued = 0;
            bodyWritten = 0;
            return;
        }
        if (inProgress && bodyQueued != UNKNOWN) {
            long size = sizeOf(message);
            bodyQueued = size == UNKNOWN ? UNKNOWN : bodyQueued + size;
        }
    }

    /** A read has ended: if nothing waits in the outbound buffer, every body byte queued has gone to the socket. */
    void readEnded(Channel channel) {
        if (inProgress && bodyWritten != bodyQueued) {
            ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
            if (outbound != null && outbound.totalPendingWriteBytes() == 0) {
                bodyWritten = bodyQueued;
            }
        }
    }

    /** See {@link io.jwtgateway.gateway.observe.ResponseWatch#responseInProgress()}. */
    boolean inProgress() {
        return inProgress;
    }

    /** See {@link io.jwtgateway.gateway.observe.ResponseWatch#lastByteWritten(long)}. */
    boolean lastByteWritten(long contentLength) {
        return inProgress && contentLength >= 0 && bodyWritten == contentLength;
    }

    private static long sizeOf(Object message) {
        if (message instanceof ByteBuf bytes) {
            return bytes.readableBytes();
        }
        if (message instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        if (message instanceof FileRegion region) {
            return region.count();
        }
        return UNKNOWN;
    }
}
