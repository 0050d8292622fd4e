package io.jwtgateway.gateway.observe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes lines to standard output from a thread of its own: the request's thread only queues its line. The writer
 * takes every line queued so far and writes them at once, so under load many lines cost one write, and when the
 * gateway is idle a line is out as soon as it is queued. A full queue drops nothing: while it stays full for a second
 * (standard output not keeping up), or when the writer is gone, the request's thread writes its line itself. A write
 * that fails loses its batch but does not stop the writer. Closing writes what is still queued.
 */
final class StdoutLines implements AutoCloseable {

    static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 1024;
    private static final long POLL_MILLIS = 100;
    private static final long FULL_WAIT_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean open = true;

    StdoutLines() {
        writer = new Thread(this::run, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void add(String line) {
        if (open && writer.isAlive() && queue.offer(line)) {
            return;
        }
        try {
            if (open && writer.isAlive() && queue.offer(line, FULL_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(List.of(line), new StringBuilder());          // no writer to hand it to, or none keeping up
    }

    @Override
    public void close() {
        open = false;
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> left = new ArrayList<>();
        queue.drainTo(left);                                // queued as the writer stopped, or after it gave up
        if (!left.isEmpty()) {
            write(left, new StringBuilder());
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(MAX_BATCH);
        StringBuilder text = new StringBuilder(8192);
        while (open || !queue.isEmpty()) {
            try {
                String first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch, text);
                }
            } catch (InterruptedException e) {
                // closing is by the flag, never by interruption
            } catch (RuntimeException | Error e) {
                // a failed write, or no memory for a batch: these lines are lost, the writer goes on
            } finally {
                batch.clear();
            }
        }
    }

    /** One write for the lines; {@code System.out} is looked up each time, as a test may have replaced it. */
    private static void write(List<String> lines, StringBuilder text) {
        text.setLength(0);
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
