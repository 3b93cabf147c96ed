package dev.openpanel.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import dev.openpanel.camel.cli.ExitCodes;
import dev.openpanel.camel.cli.OpenPanelCommand;
import dev.openpanel.camel.cli.Verbosity;
import picocli.CommandLine;

/**
 * Starts openpanel-camel: the long-running service by default ({@code run}), or one of the one-shot commands for
 * pipelines. Configuration comes from {@code config/application.properties} and the environment (which wins).
 */
public final class OpenPanelCamelApplication {

    private static final Set<String> ONE_SHOT = Set.of("api", "import", "provision", "cleanup");
    private static final String LOG_CONFIG = "config/log4j2.xml";

    private OpenPanelCamelApplication() {
    }

    public static void main(String[] args) {
        configureLogging(args.length > 0 && ONE_SHOT.contains(args[0]));
        System.exit(execute(args));
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
        if (System.getProperty("log4j2.configurationFile") == null && Files.isRegularFile(Path.of(LOG_CONFIG))) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        if (oneShot) {
            System.setProperty("openpanel.log.target", "SYSTEM_ERR");
            System.setProperty("openpanel.camel.log.level", "WARN");
        }
    }
}
