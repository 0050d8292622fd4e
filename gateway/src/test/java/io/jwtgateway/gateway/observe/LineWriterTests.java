package io.jwtgateway.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@ExtendWith(OutputCaptureExtension.class)
class LineWriterTests {

    final Counter dropped = new SimpleMeterRegistry().counter(AccessLog.DROPPED);

    LineWriter<String> stdout(int capacity) {
        return new LineWriter<>(capacity, dropped, LineWriter.stdout((line, text) -> text.append(line)));
    }

    @Test
    void addWhenLoggerOutputThenFormattedAndLoggedOnTheWritersThreadNotTheCallers() {
        Logger logger = (Logger) LoggerFactory.getLogger("gateway.access.writer-test");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        Queue<String> formattedOn = new ConcurrentLinkedQueue<>();
        LineWriter<String> lines = new LineWriter<>(LineWriter.CAPACITY, dropped,
                LineWriter.logger(logger, (line, text) -> {
                    formattedOn.add(Thread.currentThread().getName());
                    text.append("line=").append(line);
                }));
        try {
            lines.add("a");
            lines.add("b");

            await().atMost(Duration.ofSeconds(5)).until(() -> events.list.size() == 2);
            assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("line=a", "line=b");
            assertThat(events.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
            assertThat(events.list).extracting(ILoggingEvent::getThreadName).containsOnly("access-log");
            assertThat(formattedOn).containsOnly("access-log");
        } finally {
            lines.close();
            logger.detachAppender(events);
        }
    }

    @Test
    void addWhenIdleThenLineWrittenWithoutClosing(CapturedOutput output) {
        LineWriter<String> lines = stdout(LineWriter.CAPACITY);
        try {
            lines.add("idle-line-1");

            await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("idle-line-1\n"));
        } finally {
            lines.close();
        }
    }

    @Test
    void closeWhenManyLinesQueuedFromManyThreadsThenEveryLineWrittenWholeOnce(CapturedOutput output)
            throws InterruptedException {
        LineWriter<String> lines = stdout(LineWriter.CAPACITY);
        int threads = 4;
        int perThread = 25_000;                             // more than the queue holds: adding waits, loses nothing
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    lines.add("line t=" + thread + " i=" + i + " end");
                }
                done.countDown();
            });
        }
        done.await();
        pool.shutdown();

        lines.close();

        List<String> written = output.getOut().lines().filter(line -> line.startsWith("line t=")).toList();
        assertThat(written).hasSize(threads * perThread).allMatch(line -> line.matches("line t=\\d i=\\d+ end"));
        for (int t = 0; t < threads; t++) {
            String prefix = "line t=" + t + " ";
            List<String> ofThread = written.stream().filter(line -> line.startsWith(prefix)).toList();
            assertThat(ofThread).containsExactlyElementsOf(
                    IntStream.range(0, perThread).mapToObj(i -> prefix + "i=" + i + " end").toList());
        }
    }

    @Test
    void addWhenAWriteFailedThenLaterLinesStillWritten() {
        PrintStream original = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AtomicBoolean failed = new AtomicBoolean();
        System.setOut(new PrintStream(written, true) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("standard output broke once");
                }
                super.write(bytes, offset, length);
            }
        });
        LineWriter<String> lines = stdout(LineWriter.CAPACITY);
        try {
            lines.add("lost-with-the-failed-write");
            await().atMost(Duration.ofSeconds(5)).untilTrue(failed);

            for (int i = 0; i < LineWriter.CAPACITY + 10; i++) {   // more than the queue holds: nothing blocks for good
                lines.add("after-failure-" + i);
            }
            lines.close();

            String out = written.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("after-failure-0\n", "after-failure-" + (LineWriter.CAPACITY + 9) + "\n");
            assertThat(out.lines().filter(line -> line.startsWith("after-failure-")).count())
                    .isEqualTo(LineWriter.CAPACITY + 10);
        } finally {
            lines.close();
            System.setOut(original);
        }
    }

    @Test
    void addWhenClosedThenWrittenAtOnce(CapturedOutput output) {
        LineWriter<String> lines = stdout(LineWriter.CAPACITY);
        lines.close();

        lines.add("after-close-1");

        assertThat(output.getOut()).contains("after-close-1\n");
    }

    @Test
    void addOnEventLoopWhenQueueFullThenLineDroppedAndCountedWithoutWaiting() throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.setOut(new PrintStream(written, true) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                writing.countDown();
                try {
                    release.await();                        // standard output stalls until the test lets it go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(bytes, offset, length);
            }
        });
        LineWriter<String> lines = stdout(2);
        try {
            lines.add("held-by-the-writer");
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
            lines.add("queued-1");
            lines.add("queued-2");                          // the queue of two is full

            Mono.fromRunnable(() -> lines.add("dropped-1"))
                    .subscribeOn(Schedulers.parallel())     // a non-blocking thread, like Reactor Netty's loops
                    .block(Duration.ofMillis(500));

            assertThat(dropped.count()).isEqualTo(1);
            release.countDown();
            lines.close();
            assertThat(written.toString(StandardCharsets.UTF_8).lines())
                    .containsExactly("held-by-the-writer", "queued-1", "queued-2");
        } finally {
            release.countDown();
            lines.close();
            System.setOut(original);
        }
    }
}
