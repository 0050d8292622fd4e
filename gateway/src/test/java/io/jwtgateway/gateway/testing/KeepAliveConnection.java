package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection kept open across requests, written and read by hand: each response is read exactly to its
 * end (by {@code Content-Length}, chunked framing, or the server closing after {@code Connection: close}), so the next
 * request goes out on the same connection, as a keep-alive client's would. Reading waits at most the given patience, then fails: an answer that never comes is a
 * failure, not a wait.
 */
public final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public KeepAliveConnection(int port, Duration patience) throws IOException {
        socket = new Socket("localhost", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) patience.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends the bytes as they are and reads one response. */
    public Response exchange(String request) throws IOException {
        send(request);
        return read();
    }

    public void send(String bytes) throws IOException {
        send(bytes.getBytes(ISO_8859_1));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One whole response; {@link EOFException} when the server closed the connection before one began. */
    public Response read() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        String body;
        int length = headerIndex(lower, "content-length");
        if (length >= 0) {
            body = new String(readExactly(Integer.parseInt(value(lower, length))), ISO_8859_1);
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = readChunked();
        } else if (lower.contains("\r\nconnection: close")) {
            body = new String(in.readAllBytes(), ISO_8859_1);   // delimited by the server closing (RFC 9112 §6.3)
        } else {
            body = "";
        }
        return new Response(status, head, body);
    }

    /** True once the server has closed its side: a read returns end of stream instead of waiting. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {                    // CR LF CR LF ends the head
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed after " + head.size() + " bytes of a response head");
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        return head.toString(ISO_8859_1);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields
                }
                return body.toString(ISO_8859_1);
            }
            body.write(readExactly(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed inside a body of " + length + " bytes");
        }
        return bytes;
    }

    private static int headerIndex(String lowerHead, String name) {
        int at = lowerHead.indexOf("\r\n" + name + ":");
        return at < 0 ? -1 : at + name.length() + 3;
    }

    private static String value(String lowerHead, int from) {
        return lowerHead.substring(from, lowerHead.indexOf("\r\n", from)).trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A status, the head as sent (status line and fields) and the body. */
    public record Response(int status, String head, String body) {

        public boolean hasHeader(String name, String value) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": "
                    + value.toLowerCase(Locale.ROOT) + "\r\n");
        }
    }
}
