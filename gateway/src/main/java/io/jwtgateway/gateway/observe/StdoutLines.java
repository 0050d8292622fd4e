package io.jwtgateway.gateway.observe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import reactor.core.scheduler.Schedulers;

/**
 * Writes lines to standard output from a thread of its own: the request's thread only queues its line. The writer
 * takes every line queued so far and writes them at once, so under load many lines cost one write, and when the
 * gateway is idle a line is out as soon as it is queued. A write that fails loses its batch but does not stop the
 * writer. Closing writes what is still queued, and a line added after that is written at once.
 *
 * <p>When the queue is full (standard output not keeping up), an event-loop thread drops its line and counts it
 * ({@code gateway_access_log_dropped_total}): a loop serves every connection it holds, so waiting there would stall
 * them all, for one log line. Any other thread ({@link Schedulers#isInNonBlockingThread()} tells them apart) may
 * block, as it holds up only its own work: it waits up to a second for room, then writes its line itself.
 */
final class StdoutLines implements AutoCloseable {

    static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 1024;
    private static final long POLL_MILLIS = 100;
    private static final long FULL_WAIT_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final BlockingQueue<String> queue;
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean open = true;

    StdoutLines(int capacity, Counter dropped) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropped = dropped;
        writer = new Thread(this::run, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void add(String line) {
        if (open && writer.isAlive() && queue.offer(line)) {
            return;
        }
        if (open && writer.isAlive() && Schedulers.isInNonBlockingThread()) {
            dropped.increment();                            // full, on an event loop: never wait there
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
