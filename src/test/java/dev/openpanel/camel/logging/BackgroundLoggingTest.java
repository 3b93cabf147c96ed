package dev.openpanel.camel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** The logging system started on a thread of its own is configured once {@code awaitReady} returns. */
class BackgroundLoggingTest {

    @Test
    void awaitReadyReturnsWithTheConfigurationStarted() {
        BackgroundLogging.start();
        BackgroundLogging.awaitReady();

        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getConfiguration().getAppenders()).isNotEmpty();
        BackgroundLogging.awaitReady();
    }
}
