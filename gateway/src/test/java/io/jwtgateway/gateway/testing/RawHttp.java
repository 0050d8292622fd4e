package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 written by hand, for what real clients refuse to send or rewrite: dot segments, a client's
 * {@code Connection} list, a malformed {@code Content-Type}. One exchange per connection: the response is read to its
 * end (by {@code Content-Length}, chunked framing or the server closing), then this side closes, so a server that
 * refuses without reading the request body cannot reset the connection before its answer is read.
 */
public final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private RawHttp() {
    }

    /** The whole response, status line first. */
    public static String exchange(int port, String method, String target, String body, String... headers)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(UTF_8);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            if (content.length > 0) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(UTF_8));
            out.write(content);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int headEnd = -1;
        int b;
        while (headEnd < 0 && (b = in.read()) != -1) {
            response.write(b);
            if (response.toString(UTF_8).endsWith("\r\n\r\n")) {
                headEnd = response.size();
            }
        }
        String head = response.toString(UTF_8).toLowerCase(Locale.ROOT);
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            response.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (head.contains("transfer-encoding: chunked")) {
            while (!response.toString(UTF_8).endsWith("\r\n0\r\n\r\n") && (b = in.read()) != -1) {
                response.write(b);
            }
        } else if (headEnd >= 0) {
            in.transferTo(response);
        }
        return response.toString(UTF_8);
    }
}
