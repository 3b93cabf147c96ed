package dev.openpanel.camel.testing;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import dev.openpanel.camel.logging.SecretMaskingLayout;

/**
 * Captures everything logged while it is open, at the given level for every logger (HttpClient's wire log
 * included), through the project's {@link SecretMaskingLayout}: what a real log file would contain.
 */
public final class LogCapture implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;
    private final Level previousRoot;

    private LogCapture(Level level) {
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(text)
                .setLayout(SecretMaskingLayout.createLayout(configuration, PatternLayout.newBuilder()
                        .withConfiguration(configuration).withPattern("%-5level %c - %msg%n%throwable").build()))
                .build();
        appender.start();
        configuration.addAppender(appender);
        LoggerConfig root = configuration.getRootLogger();
        previousRoot = root.getLevel();
        root.addAppender(appender, level, null);
        root.setLevel(level);
        configuration.getLoggers().values().forEach(logger -> {
            if (logger != root) {
                // an additive logger hands its events on to the root's appenders: given the appender too, it would capture each twice
                if (!logger.isAdditive()) {
                    logger.addAppender(appender, level, null);
                }
                logger.setLevel(level);
            }
        });
        context.updateLoggers();
    }

    /** Captures at {@code level} and below for every logger. */
    public static LogCapture at(Level level) {
        return new LogCapture(level);
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        configuration.getRootLogger().setLevel(previousRoot);
        context.reconfigure();
        appender.stop();
    }
}
