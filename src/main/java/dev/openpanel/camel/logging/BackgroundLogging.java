package dev.openpanel.camel.logging;

import org.slf4j.LoggerFactory;

/**
 * Starts the logging system (SLF4J, Log4j and its configuration, about a third of a one-shot command's start-up) on a
 * thread of its own while the command line is parsed. Whatever may log first waits for it with {@link #awaitReady()},
 * so no event meets a configuration still being read.
 */
public final class BackgroundLogging {

    private static volatile Thread starting;

    private BackgroundLogging() {
    }

    /** Starts the logging system in the background; call once, before anything logs. */
    public static void start() {
        Thread thread = new Thread(() -> LoggerFactory.getLogger(BackgroundLogging.class), "logging-start");
        thread.setDaemon(true);
        starting = thread;
        thread.start();
    }

    /** Returns once the logging system is ready (at once when it was not started in the background). */
    public static void awaitReady() {
        Thread thread = starting;
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        starting = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
