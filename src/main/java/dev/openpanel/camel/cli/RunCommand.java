package dev.openpanel.camel.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.main.Main;

import dev.openpanel.camel.app.ApplicationMain;
import picocli.CommandLine.Command;

/** Runs the long-running service: every route file of the configuration, its triggers and the HTTP server. */
@Command(name = "run", mixinStandardHelpOptions = true,
         description = "Runs the service until it is stopped (the default when no command is given). Without "
                 + "OPENPANEL_API_URL it runs in sandbox mode against an embedded simulator.",
         footer = { "", "Example:", "  java -jar target/openpanel-camel.jar run" })
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Main main = ApplicationMain.create(System.getenv(), Map.of());
        main.run();
        return main.getExitCode();
    }
}
