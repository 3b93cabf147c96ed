package dev.openpanel.camel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import dev.openpanel.camel.app.ApplicationMain;
import dev.openpanel.camel.app.ConfigLocation;
import dev.openpanel.camel.cli.ExitCodes;
import dev.openpanel.camel.cli.OpenPanelCommand;
import dev.openpanel.camel.cli.Verbosity;
import dev.openpanel.camel.config.InvalidConfigurationException;
import dev.openpanel.camel.logging.BackgroundLogging;
import picocli.CommandLine;

/**
 * Starts openpanel-camel: the long-running service by default ({@code run}), or one of the one-shot commands for
 * pipelines. Configuration comes from the {@link ConfigLocation} and the environment (which wins).
 */
public final class OpenPanelCamelApplication {

    private static final Set<String> ONE_SHOT = Set.of("api", "import", "provision", "cleanup", "rotate");

    private OpenPanelCamelApplication() {
    }

    public static void main(String[] args) {
        String configDirectory = configDirectory(args);
        if (configDirectory != null) {
            System.setProperty(ApplicationMain.CONFIG_DIR, configDirectory);
        }
        boolean oneShot = ONE_SHOT.contains(command(args));
        configureLogging(oneShot);
        if (oneShot) {
            BackgroundLogging.start();
        }
        System.exit(execute(args));
    }

    /** The command: the first argument that is not an option or the value of {@code --config}; "" for none. */
    private static String command(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }

    /** The value of {@code --config DIR} or {@code --config=DIR}, or null. */
    private static String configDirectory(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--config=")) {
                return args[i].substring("--config=".length());
            }
        }
        return null;
    }

    /** Runs the command line and returns the exit code. */
    static int execute(String... args) {
        Verbosity.request(Arrays.asList(args).contains(Verbosity.OPTION));
        CommandLine commandLine = new CommandLine(new OpenPanelCommand());
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            int code = ExitCodes.of(failure);
            cmd.getErr().println((code == ExitCodes.USAGE ? "openpanel-camel cannot start: " : "openpanel-camel: ")
                    + ExitCodes.reason(failure));
            if (Verbosity.isOn()) {
                failure.printStackTrace(cmd.getErr());
            }
            return code;
        });
        return commandLine.execute(args);
    }

    /** Before any logger exists: the project's log configuration; one-shot commands log to stderr, Camel at WARN. */
    private static void configureLogging(boolean oneShot) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            try {
                Path log = ConfigLocation.resolve(ConfigLocation.requested(System::getenv), Path.of("")).logConfig();
                if (log != null) {
                    System.setProperty("log4j2.configurationFile", log.toString());
                }
            } catch (InvalidConfigurationException e) {
                // Reported by the command with the other configuration errors.
            }
        }
        if (oneShot) {
            System.setProperty("openpanel.log.target", "SYSTEM_ERR");
            System.setProperty("openpanel.camel.log.level", "WARN");
        }
    }
}
