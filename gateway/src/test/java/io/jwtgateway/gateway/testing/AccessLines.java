package io.jwtgateway.gateway.testing;

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
}
