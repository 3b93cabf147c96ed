package dev.openpanel.camel.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line: the service ({@code run}, the default) and the one-shot commands for pipelines. */
@Command(name = "openpanel-camel", mixinStandardHelpOptions = true, version = "openpanel-camel 0.1.0",
         description = "Manages OpenPanel projects, clients and references through the Manage API.",
         subcommands = { RunCommand.class, ImportCommand.class, ProvisionCommand.class, CleanupCommand.class, RotateCommand.class, ApiCommand.class,
                 CommandLine.HelpCommand.class },
         footer = { "", "Exit codes: 0 success, 1 some rows or steps failed permanently, 2 bad usage or configuration,",
                 "  3 the API could not be reached or refused the credentials.",
                 "Configuration: --config DIR or OPENPANEL_CONFIG_DIR, else config/ and routes/ in the working directory,",
                 "  else the defaults in the jar; the environment wins (see the README)." })
public final class OpenPanelCommand implements Callable<Integer> {

    /** Read by {@link Verbosity} from the arguments; declared here so every command accepts and documents it. */
    @Option(names = Verbosity.OPTION, scope = ScopeType.INHERIT,
            description = "on a failure, print the stack trace after the one-sentence reason")
    boolean verbose;

    /** Read by the application's main from the arguments (see {@code ConfigLocation}); declared here for every command. */
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "the configuration directory: its application.properties, cleanup.yaml, rotation.yaml, log4j2.xml and routes/ "
                    + "replace the packaged ones (default: OPENPANEL_CONFIG_DIR, else config/ in the working directory)")
    String configDirectory;

    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }
}
