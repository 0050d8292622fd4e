package io.jwtgateway.gateway.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.stereotype.Component;

/**
 * {@code logback.events{level}}, the count of log events by level, as Micrometer's {@link LogbackMetrics} has it, but
 * counted where an event is appended rather than by a logback turbo filter. A turbo filter is asked on every
 * {@code isDebugEnabled()} and {@code isTraceEnabled()} check in every library, dozens per request, though it counts
 * nothing there; an appender on the root logger costs nothing until a line is logged. Spring Boot's binding of
 * {@link LogbackMetrics} is turned off in {@code application.yml}; should it be back, this one steps aside.
 */
@Component
@ConditionalOnClass(LoggerContext.class)
class LogEvents implements SmartInitializingSingleton, DisposableBean {

    private final MeterRegistry registry;
    private final ObjectProvider<LogbackMetrics> boots;
    private @Nullable CountingAppender appender;

    LogEvents(MeterRegistry registry, ObjectProvider<LogbackMetrics> boots) {
        this.registry = registry;
        this.boots = boots;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (boots.getIfAvailable() != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        CountingAppender counting = new CountingAppender(registry);
        counting.setContext(context);
        counting.setName("logback.events");
        counting.attach();
        context.addListener(counting);
        appender = counting;
    }

    @Override
    public void destroy() {
        if (appender != null) {
            appender.detach();
        }
    }

    /** Counts the events the root logger's appenders get, and attaches itself again after logback is reconfigured. */
    private static final class CountingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
            implements LoggerContextListener {

        private final Counter error;
        private final Counter warn;
        private final Counter info;
        private final Counter debug;
        private final Counter trace;

        CountingAppender(MeterRegistry registry) {
            error = counter(registry, "error");
            warn = counter(registry, "warn");
            info = counter(registry, "info");
            debug = counter(registry, "debug");
            trace = counter(registry, "trace");
        }

        private static Counter counter(MeterRegistry registry, String level) {
            return Counter.builder("logback.events").tag("level", level)
                    .description("Number of log events that were enabled by the effective log level")
                    .baseUnit("events").register(registry);
        }

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                default -> trace.increment();
            }
        }

        void attach() {
            start();
            root().addAppender(this);
        }

        void detach() {
            ((LoggerContext) getContext()).removeListener(this);
            root().detachAppender(this);
            stop();
        }

        private Logger root() {
            return ((LoggerContext) getContext()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            attach();                               // a reset detached and stopped every appender
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
