package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A backend that reads each request the way an HTTP/1.1 server must, by its framing, and records whether its body
 * ended: all {@code Content-Length} bytes, or chunked framing through its last chunk. A complete request gets a 200;
 * one whose connection closed before its end is recorded as aborted. WireMock cannot tell the two apart, and a
 * backend that acts on a body that did not end is what these tests are about.
 */
public final class RawBackend implements AutoCloseable {

    /** What one request looked like from here. */
    public record Received(String head, String body, boolean ended) {
    }

    private final ServerSocket server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    /** The request being read last, while it is read: its head and as much of its body as has come. */
    private volatile String readingHead = "";
    private final StringBuffer readingBody = new StringBuffer();

    public RawBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "raw-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getLocalPort();
    }

    /** The next request recorded, waiting for it at most {@code seconds}; null if none came. */
    public Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /**
     * Waits until the request being read has a body that begins with {@code prefix}, and returns its head; null if
     * none came in time. The request is still open then: its end, or its abort, is still to come.
     */
    public String awaitPartialBody(String prefix, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (readingBody.toString().startsWith(prefix)) {
                return readingHead;
            }
            Thread.sleep(10);
        }
        return null;
    }

    public void clear() {
        received.clear();
        readingBody.setLength(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread connection = new Thread(() -> serve(socket), "raw-backend-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;                                 // the gateway closed an idle connection
                }
                readingBody.setLength(0);
                readingHead = head;
                Body body = new Body();
                boolean ended = readBody(head, in, body);
                received.add(new Received(head, body.text(), ended));
                if (!ended) {
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nreceived".getBytes(ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the connection went away; what was read of the request has been recorded
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b == -1) {
                return null;
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        return head.toString(ISO_8859_1);
    }

    /** A body as it arrives, copied to the request-being-read state. */
    private final class Body {
        private final StringBuilder text = new StringBuilder();

        void write(int b) {
            text.append((char) b);
            readingBody.append((char) b);
        }

        String text() {
            return text.toString();
        }
    }

    /** Reads the body by its framing into {@code body}; false when the connection ended first. */
    private boolean readBody(String head, InputStream in, Body body) {
        String lower = head.toLowerCase(Locale.ROOT);
        try {
            if (lower.contains("\r\ntransfer-encoding: chunked")) {
                return readChunked(in, body);
            }
            int at = lower.indexOf("\r\ncontent-length:");
            if (at < 0) {
                return true;
            }
            int length = Integer.parseInt(lower.substring(at + 17, lower.indexOf("\r\n", at + 2)).trim());
            for (int i = 0; i < length; i++) {
                int b = in.read();
                if (b == -1) {
                    return false;
                }
                body.write(b);
            }
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    private static boolean readChunked(InputStream in, Body body) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                return false;
            }
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    if (trailer == null) {
                        return false;
                    }
                } while (!trailer.isEmpty());
                return true;
            }
            for (int i = 0; i < size; i++) {
                int b = in.read();
                if (b == -1) {
                    return false;
                }
                body.write(b);
            }
            if (readLine(in) == null) {
                return false;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                return null;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
