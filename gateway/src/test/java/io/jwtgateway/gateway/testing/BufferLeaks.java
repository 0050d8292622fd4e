package io.jwtgateway.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class whose requests leave a Netty buffer unreleased, on either end of a connection. While the class
 * runs, Netty tracks every buffer and who touched it ({@code PARANOID}); when it ends, the garbage collector runs and
 * a buffer is allocated, so Netty reports each buffer collected without a release ({@code LEAK:
 * ByteBuf.release() was not called}), and the class fails with those reports. A buffer still referenced then, by a
 * connection that stays open, is not seen.
 * <p>
 * The usual leak is a {@code WebTestClient} exchange whose body no assertion reads: Reactor Netty queues the response
 * content for a reader that never comes, and once the test drops the response it is collected unreleased. Such an
 * exchange ends with {@code .expectBody(Void.class)}, which reads the body and releases it.
 */
public final class BufferLeaks implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final String LOGGER = "io.netty.util.ResourceLeakDetector";
    private static final String APPENDER = "buffer-leaks";

    private final Queue<String> reports = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                reports.add(event.getFormattedMessage());
            }
        }
    };
    private ResourceLeakDetector.Level levelBefore = ResourceLeakDetector.Level.SIMPLE;
    private int depth;                                      // a @Nested class runs inside its outer class

    @Override
    public void beforeAll(ExtensionContext context) {
        if (depth++ == 0) {
            levelBefore = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        attach();
    }

    /** Again before each test: a Spring context starting up resets Logback, which drops the appender. */
    @Override
    public void beforeEach(ExtensionContext context) {
        attach();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        attach();
        // Netty looks for collected buffers when it tracks a new one; the reference handler enqueues them after a GC.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
        List<String> leaks = new ArrayList<>(reports);
        reports.clear();
        if (--depth == 0) {
            ResourceLeakDetector.setLevel(levelBefore);
            detach();
        }
        assertThat(leaks).as("Netty buffers collected without a release").isEmpty();
    }

    private void attach() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        if (logger.getAppender(APPENDER) == null) {
            appender.setName(APPENDER);
            appender.setContext(logger.getLoggerContext());
            appender.start();
            logger.addAppender(appender);
        }
    }

    private void detach() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        logger.detachAppender(appender);
        appender.stop();
    }
}
