package dev.openpanel.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.main.Main;

import dev.openpanel.camel.component.error.OpenPanelErrors;
import dev.openpanel.camel.config.ApplicationMain;
import dev.openpanel.camel.config.InvalidConfigurationException;

/**
 * Starts openpanel-camel: the long-running service with the routes of {@code routes/}, configured by
 * {@code config/application.properties} and the environment (which wins).
 */
public final class OpenPanelCamelApplication {

    /** Exit code for bad usage or configuration. */
    public static final int EXIT_USAGE = 2;

    private static final String LOG_CONFIG = "config/log4j2.xml";

    private OpenPanelCamelApplication() {
    }

    public static void main(String[] args) throws Exception {
        useLogConfiguration();
        if (args.length > 1 || args.length == 1 && !args[0].equals("run")) {
            System.err.println("usage: openpanel-camel [run]");
            System.exit(EXIT_USAGE);
        }
        System.exit(runService());
    }

    /** Runs the service until it is stopped; returns the exit code. */
    static int runService() throws Exception {
        if (!Files.isRegularFile(Path.of(ApplicationMain.CONFIG_FILE))) {
            System.err.println("openpanel-camel cannot start: " + ApplicationMain.CONFIG_FILE + " not found in "
                    + Path.of("").toAbsolutePath()
                    + "; run it from the project directory.");
            return EXIT_USAGE;
        }
        Main main = ApplicationMain.create(System.getenv(), Map.of());
        try {
            main.run();
        } catch (Exception e) {
            InvalidConfigurationException invalid = OpenPanelErrors.find(e, InvalidConfigurationException.class);
            if (invalid != null) {
                System.err.println("openpanel-camel cannot start: " + invalid.getMessage());
                return EXIT_USAGE;
            }
            throw e;
        }
        return main.getExitCode();
    }

    private static void useLogConfiguration() {
        if (System.getProperty("log4j2.configurationFile") == null && Files.isRegularFile(Path.of(LOG_CONFIG))) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
    }
}
