package dev.openpanel.camel.cli;

import org.slf4j.LoggerFactory;

import dev.openpanel.camel.logging.BackgroundLogging;

/**
 * Whether a failing command prints its stack trace after its one sentence: with {@code --verbose}, or when the
 * application's logger ({@code dev.openpanel.camel}) is at DEBUG.
 */
public final class Verbosity {

    /** The option that asks for stack traces. */
    public static final String OPTION = "--verbose";

    private static volatile boolean requested;

    private Verbosity() {
    }

    /** Records whether the command line asked for {@link #OPTION}. */
    public static void request(boolean verbose) {
        requested = verbose;
    }

    /** Whether stack traces are printed. */
    public static boolean isOn() {
        if (requested) {
            return true;
        }
        BackgroundLogging.awaitReady();
        return LoggerFactory.getLogger("dev.openpanel.camel").isDebugEnabled();
    }
}
