package io.jwtgateway.gateway.observe;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import reactor.core.scheduler.Schedulers;

/**
 * Writes the access log's lines from a thread of its own: the request's thread only queues its line, a value it
 * captured and did not format, on a lock-free queue; this thread formats the lines and hands them to their output,
 * standard output ({@link #stdout}) or a logger ({@link #logger}), so neither formatting nor an output that blocks
 * holds up an event loop. Under load the writer does not wait to be woken: after each write it looks again
 * {@value #BUSY_MILLIS} ms later and takes every line queued meanwhile, so many lines cost one write and no request
 * pays for a thread's wake-up. Only when it found nothing does it wait to be woken, by the next line, so an idle
 * gateway's line is out at once. A write that fails (or a line that fails to format) loses its batch but does not
 * stop the writer. Closing writes what is still queued, and a line added after that is written at once, on the thread
 * that adds it.
 *
 * <p>When the queue is full (the output not keeping up), an event-loop thread drops its line and counts it
 * ({@code gateway_access_log_dropped_total}): a loop serves every connection it holds, so waiting there would stall
 * them all, for one log line. Any other thread ({@link Schedulers#isInNonBlockingThread()} tells them apart) may
 * block, as it holds up only its own work: it waits up to a second for room, then writes its line itself.
 *
 * @param <T> a line as queued
 */
final class LineWriter<T> implements AutoCloseable {

    static final int CAPACITY = 65_536;
    static final long BUSY_MILLIS = 2;
    private static final int MAX_BATCH = 1024;
    private static final long FULL_WAIT_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Counter dropped;
    private final Output<T> output;
    private final Thread writer;
    private volatile boolean open = true;
    private volatile boolean waiting;                       // the writer found nothing and waits for a line

    /** Appends one line's text, without a line break. */
    @FunctionalInterface
    interface Format<T> {
        void append(T line, StringBuilder text);
    }

    /** Writes a batch of lines, formatting them into {@code text}, a buffer of the writing thread's to reuse. */
    @FunctionalInterface
    interface Output<T> {
        void write(List<T> lines, StringBuilder text);
    }

    LineWriter(int capacity, Counter dropped, Output<T> output) {
        this.capacity = capacity;
        this.dropped = dropped;
        this.output = output;
        writer = new Thread(this::run, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * One write for the batch, each line followed by a line break; {@code System.out} is looked up each time, as a
     * test may have replaced it.
     */
    static <T> Output<T> stdout(Format<T> format) {
        return (lines, text) -> writeOut(lines, text, format);
    }

    /** An INFO event on the logger for each line: its appenders run on the writer's thread. */
    static <T> Output<T> logger(Logger log, Format<T> format) {
        return (lines, text) -> logEach(lines, text, format, log);
    }

    void add(T line) {
        if (open && writer.isAlive() && offer(line)) {
            return;
        }
        if (open && writer.isAlive() && Schedulers.isInNonBlockingThread()) {
            dropped.increment();                            // full, on an event loop: never wait there
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FULL_WAIT_MILLIS);
        while (open && writer.isAlive() && deadline - System.nanoTime() > 0) {
            if (offer(line)) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BUSY_MILLIS));
        }
        output.write(List.of(line), new StringBuilder());   // no writer to hand it to, or none keeping up
    }

    private boolean offer(T line) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.offer(line);
        if (waiting) {
            waiting = false;
            LockSupport.unpark(writer);
        }
        return true;
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<T> left = new ArrayList<>();
        drain(left, Integer.MAX_VALUE);                     // queued as the writer stopped, or after it gave up
        if (!left.isEmpty()) {
            output.write(left, new StringBuilder());
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(MAX_BATCH);
        StringBuilder text = new StringBuilder(8192);
        while (open || !queue.isEmpty()) {
            try {
                drain(batch, MAX_BATCH);
                if (batch.isEmpty()) {
                    waiting = true;
                    if (queue.isEmpty() && open) {              // a line queued before the flag was seen is not lost
                        LockSupport.park(this);
                    }
                    waiting = false;
                } else {
                    output.write(batch, text);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BUSY_MILLIS));
                }
            } catch (RuntimeException | Error e) {
                // a failed write or format, or no memory for a batch: these lines are lost, the writer goes on
            } finally {
                batch.clear();
            }
        }
    }

    private void drain(List<T> into, int most) {
        T line;
        while (into.size() < most && (line = queue.poll()) != null) {
            queued.decrementAndGet();
            into.add(line);
        }
    }

    private static <T> void writeOut(List<T> lines, StringBuilder text, Format<T> format) {
        text.setLength(0);
        for (T line : lines) {
            format.append(line, text);
            text.append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private static <T> void logEach(List<T> lines, StringBuilder text, Format<T> format, Logger log) {
        for (T line : lines) {
            text.setLength(0);
            format.append(line, text);
            log.info(text.toString());
        }
    }
}
