package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, without persistence. When the binary is
 * missing, tests that need it are skipped with a message, except under {@code CI=true}, where they fail.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Starts one, or skips the calling test (fails it under CI=true) when redis-server is not installed. */
    public static RedisServer startOrSkip() {
        if (!Files.isExecutable(BINARY)) {
            String message = "redis-server is not installed (apt-get install -y redis-server): Redis tests skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message.replace("skipped", "cannot run under CI=true"));
            }
            Assumptions.abort(message);
        }
        RedisServer server = new RedisServer(JarProcess.freePort());
        server.start();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server again on the same port, empty (nothing is persisted). */
    public void start() {
        try {
            process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPong();
    }

    /** Sends one command and returns the first line of the reply, such as {@code +OK} or {@code :1}. */
    public String command(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.toString().getBytes(UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server, as a crash would: clients see the connection drop. */
    public void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, UTF_8).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }
}
