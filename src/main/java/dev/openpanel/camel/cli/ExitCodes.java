package dev.openpanel.camel.cli;

import dev.openpanel.camel.component.error.OpenPanelApiException;
import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.config.RouteFileErrors;

/** The exit codes of every command, and which failure gives which. */
public final class ExitCodes {

    /** Everything succeeded. */
    public static final int OK = 0;
    /** Some rows or steps failed permanently (bad input, unknown id). */
    public static final int FAILED = 1;
    /** Bad usage or configuration. */
    public static final int USAGE = 2;
    /** The API could not be reached, kept limiting, or refused the credentials. */
    public static final int API_UNAVAILABLE = 3;

    private ExitCodes() {
    }

    /** The exit code for a failure that ended a command. */
    public static int of(Throwable failure) {
        if (OpenPanelErrors.find(failure, InvalidConfigurationException.class) != null || RouteFileErrors.sentence(failure) != null) {
            return USAGE;
        }
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        if (api != null) {
            return api.isPermanent() ? FAILED : API_UNAVAILABLE;
        }
        return OpenPanelErrors.isTransient(failure) ? API_UNAVAILABLE : FAILED;
    }

    /**
     * Prints the reason for a failure that ended a command on stderr (one sentence; the stack trace too when
     * {@link Verbosity#isOn()}) and returns the command's exit code.
     */
    public static int failed(Throwable failure) {
        System.err.println(reason(failure));
        if (Verbosity.isOn()) {
            failure.printStackTrace(System.err);
        }
        return of(failure);
    }

    /** The one-line reason to print for a failure that ended a command. */
    public static String reason(Throwable failure) {
        InvalidConfigurationException invalid = OpenPanelErrors.find(failure, InvalidConfigurationException.class);
        if (invalid != null) {
            return invalid.getMessage();
        }
        String routeFile = RouteFileErrors.sentence(failure);
        if (routeFile != null) {
            return routeFile;
        }
        OpenPanelApiException api = OpenPanelErrors.find(failure, OpenPanelApiException.class);
        return api != null ? api.getMessage() : failure.toString();
    }
}
