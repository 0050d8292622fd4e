package io.jwtgateway.gateway.observe;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the access log costs the request's thread, an event loop in the gateway, per line. {@code formatOnLoop} is the
 * work the loop did while it formatted the line itself: the values captured into an {@link AccessLine}, the client's
 * address as text, the line as text or JSON. {@code captureOnLoop} is the work left to it now that the writer's
 * thread formats: the values captured. {@code handoverFormatted} and {@code handoverCaptured} add the hand-over to a
 * real {@link LineWriter} (its checks, its count, its queue), the first queuing the formatted text as before, the
 * second the captured line, which the writer's thread formats later; each call queues {@value #BATCH} lines to a new
 * writer, fewer than its queue holds, so none waits or is dropped. The writer is busy with a line of its own meanwhile,
 * as under load, so the hand-over is measured on one thread, without a wake-up and without the writer's thread taking
 * lines off the queue at the same time, which on a busy machine measured the scheduler more than the queue; its lines
 * go to a standard output that discards the bytes. Their warm-up is longer: a call is a loop the JIT compiler takes
 * its time over, and while it had not, on a busy machine, a line cost ten times as much. The values are a routed request's: a request id, a resolved IPv4 client, a route, an
 * outcome and a subject. The heap is fixed: allocating tens of millions of small lines a second, a JVM left to size its
 * heap on a large machine gave iterations of 4 ns and of 250 ns by turns, as it resized.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class AccessLogBenchmark {

    static final int BATCH = 10_000;

    @Param({"text", "json"})
    public String format;

    private final String requestId = UUID.randomUUID().toString();
    private final long arrived = System.currentTimeMillis();
    private InetSocketAddress client;
    private boolean json;
    private LineWriter.Format<AccessLine> lineFormat;
    private PrintStream stdout;
    private int sequence;

    @Setup
    public void setUp() throws UnknownHostException {
        client = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 52_114);
        json = format.equals("json");
        lineFormat = json ? AccessLine::appendJson : AccessLine::appendText;
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    @TearDown
    public void tearDown() {
        System.setOut(stdout);
    }

    /** What the loop captures as the response completes; the time and latency change from line to line. */
    private AccessLine capture() {
        int n = sequence++;
        return new AccessLine(arrived + (n >> 4), requestId, null, client, "GET", "/api/v3/secret", "authenticated",
                200, 1_000 + (n & 0xFFF), "allowed", "alice");
    }

    private String formatted(AccessLine line) {
        return json ? line.json() : line.text();
    }

    @Benchmark
    public String formatOnLoop() {
        return formatted(capture());
    }

    @Benchmark
    public AccessLine captureOnLoop() {
        return capture();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = 10, time = 2)
    public void handoverFormatted(Writers writers) {
        for (int i = 0; i < BATCH; i++) {
            writers.texts.add(formatted(capture()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Warmup(iterations = 10, time = 2)
    public void handoverCaptured(Writers writers) {
        for (int i = 0; i < BATCH; i++) {
            writers.lines.add(capture());
        }
    }

    /**
     * New writers for each call, one of formatted text and one of captured lines (formatted on its thread, as the
     * gateway's are), each busy writing a line of its own until the call is over: the lines queued meanwhile are
     * written, outside the measurement, as it closes.
     */
    @State(Scope.Thread)
    public static class Writers {

        LineWriter<String> texts;
        LineWriter<AccessLine> lines;
        private CountDownLatch release;

        @Setup(Level.Invocation)
        public void open(AccessLogBenchmark benchmark) throws InterruptedException {
            release = new CountDownLatch(1);
            texts = busy(LineWriter.stdout((line, text) -> text.append(line)), "held");
            lines = busy(LineWriter.stdout(benchmark.lineFormat), benchmark.capture());
        }

        @TearDown(Level.Invocation)
        public void close() {
            release.countDown();
            texts.close();
            lines.close();
        }

        private <T> LineWriter<T> busy(LineWriter.Output<T> output, T held) throws InterruptedException {
            CountDownLatch writing = new CountDownLatch(1);
            LineWriter<T> writer = new LineWriter<>(LineWriter.CAPACITY,
                    new SimpleMeterRegistry().counter(AccessLog.DROPPED),
                    (batch, text) -> writeWhenReleased(batch, text, output, writing));
            writer.add(held);
            writing.await();
            return writer;
        }

        private <T> void writeWhenReleased(List<T> batch, StringBuilder text, LineWriter.Output<T> output,
                CountDownLatch writing) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.write(batch, text);
        }
    }
}
