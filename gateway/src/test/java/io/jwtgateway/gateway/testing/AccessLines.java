package io.jwtgateway.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The access log's lines in memory, for a test that sends too many requests to read them off the console: with
 * {@code gateway.access-log.output=logger}, the {@code gateway.access} logger writes here instead of to the console
 * while attached.
 */
public final class AccessLines {

    private static final String LOGGER = "gateway.access";

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getFormattedMessage());
        }
    };

    public void attach() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    public void detach() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        logger.detachAppender(appender);
        logger.setAdditive(true);
        appender.stop();
    }

    public long count(String fragment) {
        return lines.stream().filter(line -> line.contains(fragment)).count();
    }

    public List<String> matching(String fragment) {
        return lines.stream().filter(line -> line.contains(fragment)).toList();
    }

    /** The one line of the request with this {@code X-Request-Id}, waited for: it is written as the response ends. */
    public String of(String requestId) {
        String marker = " request_id=" + requestId + " ";
        await().atMost(Duration.ofSeconds(10)).until(() -> count(marker) > 0);
        List<String> found = matching(marker);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
