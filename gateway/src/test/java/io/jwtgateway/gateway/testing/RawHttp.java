package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;

import io.jwtgateway.gateway.testing.KeepAliveConnection.Response;

/**
 * HTTP/1.1 written by hand, for what real clients refuse to send or rewrite: dot segments, a client's
 * {@code Connection} list, a malformed {@code Content-Type}. One exchange per connection: the response is read to its
 * end ({@link KeepAliveConnection}), then this side closes, so a server that refuses without reading the request body
 * cannot reset the connection before its answer is read.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The whole response, status line first, its body decoded from its framing, as UTF-8. */
    public static String exchange(int port, String method, String target, String body, String... headers)
            throws IOException {
        byte[] content = body.getBytes(UTF_8);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (content.length > 0) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] head = request.append("\r\n").toString().getBytes(UTF_8);
        byte[] bytes = new byte[head.length + content.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(content, 0, bytes, head.length, content.length);
        try (KeepAliveConnection connection = new KeepAliveConnection(port, Duration.ofSeconds(10))) {
            connection.send(bytes);
            Response response = connection.read();
            return new String((response.head() + response.body()).getBytes(ISO_8859_1), UTF_8);
        }
    }
}
