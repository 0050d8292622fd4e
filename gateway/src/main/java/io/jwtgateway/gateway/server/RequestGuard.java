package io.jwtgateway.gateway.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.observe.ResponseWatch;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection's guard, right after Netty's codec: it sees each decoded request and each response, and
 * ends the connection when the client is too slow or its request cannot be trusted.
 * <ul>
 *   <li>A request head Netty could not decode never goes on: the client gets a JSON 414, 431 or 400 and the
 *       connection closes. Netty refuses, among others, a transfer coding other than {@code chunked} alone
 *       (RFC 9112 §6.1, §6.3), which would leave the body to be read as the next request.</li>
 *   <li>A body whose chunked framing breaks, or that stops arriving for {@code request-body-timeout}, fails the
 *       request's inbound stream ({@link BrokenBody}) rather than ending it, so the backend request is aborted; the
 *       connection closes after the response.</li>
 *   <li>A head that takes longer than {@code request-header-timeout} from its first byte gets a 408; a connection
 *       idle for {@code idle-timeout} between requests is closed.</li>
 *   <li>A client that leaves a response unread, the connection's send buffer full, for
 *       {@code response-write-timeout} is disconnected (a slow-read attack holds the backend's response too).</li>
 * </ul>
 * It also follows the response in progress ({@link ResponseProgress}), so that the access log can tell a client that
 * closed right after reading its whole response from one that left before it was written ({@link ResponseWatch}).
 * Everything runs on the connection's event loop. The deadlines share one scheduled check, which moves itself to the
 * next deadline when it finds the connection busy: an ordinary request takes no timer work at all.
 */
final class RequestGuard extends ChannelDuplexHandler implements ResponseWatch {

    /** How long the answer to a broken body may take before the connection is closed without it. */
    private static final long CLOSING_GRACE = TimeUnit.SECONDS.toNanos(5);

    private final Timeouts timeouts;
    private final RefusalResponses refusals;
    private final ResponseProgress progress = new ResponseProgress();
    private @Nullable ChannelHandlerContext ctx;

    /** No request is being received: the next bytes begin a request head. */
    private boolean awaitingHead = true;
    /** Bytes of the awaited head have arrived ({@link FirstByteWatch}); its deadline starts at the read's end. */
    private boolean headBytesSeen;
    private long headStarted;
    /** A request was passed on whose last content has not arrived. */
    private boolean readingBody;
    private long lastBodyRead;
    /** Requests passed on whose response has not ended. */
    private int unanswered;
    private long idleSince;
    /** The connection is ending: whatever else arrives is dropped. */
    private boolean discarding;
    /** When it is closed even if the response it waits for has not ended; 0: no such deadline. */
    private long closingDeadline;
    /** Since when the connection's send buffer has been full; 0 while it is writable. */
    private long unwritableSince;
    /** A refusal waiting for the responses before it to end. */
    private @Nullable ConnectionRefusal deferred;

    private @Nullable ScheduledFuture<?> check;
    private long checkAt;

    RequestGuard(Timeouts timeouts, RefusalResponses refusals) {
        this.timeouts = timeouts;
        this.refusals = refusals;
    }

    /** Called by {@link FirstByteWatch} for every read, before the codec has decoded it. */
    void bytesArrived() {
        if (awaitingHead) {
            headBytesSeen = true;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        idleSince = System.nanoTime();
        scheduleCheck(idleSince + timeouts.idle());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelCheck();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelCheck();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            awaitingHead = false;
            headBytesSeen = false;
            headStarted = 0;
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                if (request.decoderResult().cause() instanceof PrematureChannelClosureException) {
                    discarding = true;                      // the client left mid-head: nobody to answer
                } else {
                    refuse(ConnectionRefusal.ofDecoding(request.decoderResult().cause()));
                }
                return;
            }
            unanswered++;
            readingBody = true;
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                bodyBroke(ConnectionRefusal.MALFORMED_BODY);
                return;
            }
            if (msg instanceof LastHttpContent) {
                readingBody = false;
                awaitingHead = true;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        progress.readEnded(ctx.channel());
        if (!discarding) {
            if (readingBody) {
                lastBodyRead = System.nanoTime();
                scheduleCheck(lastBodyRead + timeouts.body());
            } else if (awaitingHead && headBytesSeen && headStarted == 0) {
                headStarted = System.nanoTime();
                scheduleCheck(headStarted + timeouts.header());
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            unwritableSince = 0;
        } else if (unwritableSince == 0) {
            unwritableSince = System.nanoTime();
            scheduleCheck(unwritableSince + timeouts.write());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            HttpResponseStatus status = response.status();
            if (status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                ctx.write(msg, promise);
                stepAside();                                // no longer HTTP/1.1 on this connection
                return;
            }
            if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
                ctx.write(msg, promise);                    // 100 Continue: the final response is still to come
                return;
            }
        }
        progress.queued(msg);
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && unanswered > 0 && --unanswered == 0) {
            answered(promise);
        }
    }

    @Override
    public boolean responseInProgress() {
        return progressVisible() && progress.inProgress();
    }

    @Override
    public boolean lastByteWritten(long contentLength) {
        return progressVisible() && progress.lastByteWritten(contentLength);
    }

    /**
     * The progress is kept on the event loop; another thread sees it as it was at the close once it has seen the
     * channel closed, as the close publishes what the loop wrote before it.
     */
    private boolean progressVisible() {
        ChannelHandlerContext current = ctx;
        return current != null && (current.executor().inEventLoop() || !current.channel().isActive());
    }

    /** Every response so far has ended: the connection closes if it is ending, else waits for the next request. */
    private void answered(ChannelPromise lastWrite) {
        idleSince = System.nanoTime();
        if (discarding) {
            if (deferred != null) {
                refusals.writeAndClose(context(), deferred);
            } else {
                lastWrite.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (!readingBody) {                                 // a pipelined head may have begun meanwhile
            scheduleCheck(headStarted != 0 ? headStarted + timeouts.header() : idleSince + timeouts.idle());
        }
    }

    /**
     * Refuses a request head: now, or after the responses to the requests before it (pipelining), which have the
     * backend's own timeouts.
     */
    private void refuse(ConnectionRefusal refusal) {
        discarding = true;
        if (unanswered == 0) {
            refusals.writeAndClose(context(), refusal);
        } else {
            deferred = refusal;
        }
    }

    /**
     * The body of the request being read broke off. While its response is yet to come, the request's inbound stream
     * fails, so the backend request is aborted and the error handler answers; otherwise the response has gone (the
     * rest of the body was going to be discarded) or a pipelined request is in the way, and the connection just ends.
     */
    private void bodyBroke(ConnectionRefusal refusal) {
        discarding = true;
        readingBody = false;
        refusals.count(refusal);
        if (unanswered == 1) {
            closingDeadline = System.nanoTime() + CLOSING_GRACE;
            scheduleCheck(closingDeadline);
            // An empty chunk first: with nothing queued and no reader yet, Reactor Netty would report the error as
            // uncaught and close, and the client would get no answer. Netty writes no chunk for empty content.
            context().fireChannelRead(new DefaultHttpContent(Unpooled.EMPTY_BUFFER));
            context().fireExceptionCaught(new BrokenBody(refusal));
        } else {
            context().close();
        }
    }

    /** The scheduled check: acts on a deadline that has passed, else moves itself to the next one. */
    private void check() {
        check = null;
        ChannelHandlerContext ctx = context();
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (unwritableSince != 0 && due(unwritableSince + timeouts.write(), now)) {
            ctx.close();                                    // the client does not read what it asked for
            return;
        }
        if (discarding) {
            if (closingDeadline != 0 && due(closingDeadline, now)) {   // else closed once earlier responses end
                ctx.close();
            }
        } else if (readingBody) {
            if (unanswered > 0 && !ctx.channel().config().isAutoRead()) {
                lastBodyRead = now;                         // the gateway is not reading: the client is not late
            }
            if (due(lastBodyRead + timeouts.body(), now)) {
                bodyBroke(ConnectionRefusal.BODY_TIMEOUT);
            }
        } else if (awaitingHead && headStarted != 0) {
            if (due(headStarted + timeouts.header(), now) && unanswered == 0) {
                refuse(ConnectionRefusal.HEADER_TIMEOUT);             // with responses pending, answered() looks again
            }
        } else if (awaitingHead && unanswered == 0) {
            if (due(idleSince + timeouts.idle(), now)) {
                ctx.close();
            }
        }                                                   // else waiting on the response: the backend's timeouts
    }

    /** True when {@code deadline} has passed; else the check is scheduled for it. */
    private boolean due(long deadline, long now) {
        if (now - deadline >= 0) {
            return true;
        }
        scheduleCheck(deadline);
        return false;
    }

    /** Makes sure the check runs by {@code deadline}: a check already due by then is left as it is. */
    private void scheduleCheck(long deadline) {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null) {
            if (checkAt - deadline <= 0) {
                return;
            }
            scheduled.cancel(false);
        }
        checkAt = deadline;
        check = context().executor().schedule(this::check, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** After a protocol switch (WebSocket) the connection is not HTTP/1.1 any more: this guard and its watch go. */
    private void stepAside() {
        cancelCheck();
        ChannelHandlerContext ctx = context();
        ctx.pipeline().remove(FirstByteWatch.class);
        ctx.pipeline().remove(this);
    }

    private ChannelHandlerContext context() {
        ChannelHandlerContext current = ctx;
        if (current == null) {
            throw new IllegalStateException("RequestGuard used before it was added to a pipeline");
        }
        return current;
    }

    /** The four timeouts, in nanoseconds. */
    record Timeouts(long header, long body, long idle, long write) {
    }
}
