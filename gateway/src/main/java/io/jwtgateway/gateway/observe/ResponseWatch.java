package io.jwtgateway.gateway.observe;

import io.netty.channel.ChannelHandler;

/**
 * A handler on a client connection that sees the gateway's responses go out to the socket. When the connection has
 * closed before the access log writes a request's line, it asks the watch how far that request's response had got: a
 * client that reads a whole response and closes at once can do so before the gateway has finished with the request,
 * and it did not leave early. A handler, so that the access log finds it in the connection's pipeline.
 */
public interface ResponseWatch extends ChannelHandler {

    /**
     * True from a response's head to its end. Reactor Netty writes the end (the last chunk, or nothing more after a
     * {@code Content-Length} body) once the request's handler has ended, and not at all when the connection closed
     * first; a whole message is head and end at once.
     */
    boolean responseInProgress();

    /**
     * True when the response in progress, whose head declared {@code contentLength} body bytes, has had its last byte
     * written to the socket. False without a {@code Content-Length}: a chunked body ends with its end.
     */
    boolean lastByteWritten(long contentLength);
}
